package io.mlmeta.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering rules of DEVELOPING.md, enforced. */
class ArchitectureTest {

  private static final JavaClasses SERVER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.mlmeta.server");

  @Test
  void adaptersDoNotReachIntoTheStore() {
    noClasses()
        .that()
        .resideInAPackage("io.mlmeta.server.api..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.mlmeta.server.store..")
        .because("adapters call the transactional services; entities never leave the store")
        .check(SERVER);
  }

  @Test
  void entitiesStayInTheStore() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.mlmeta.server.store.jpa..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.mlmeta.server.store.jpa..")
        .because("Panache entities and repositories are an implementation detail of the store")
        .check(SERVER);
  }

  @Test
  void theDomainIsFrameworkFree() {
    noClasses()
        .that()
        .resideInAPackage("io.mlmeta.server.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.quarkus..", "jakarta..", "io.grpc..", "org.hibernate..", "io.mlmeta.proto..")
        .because(
            "domain records and errors are shared by every adapter and must not carry transport types")
        .check(SERVER);
  }

  @Test
  void identityRulesArePlainJava() {
    noClasses()
        .that()
        .resideInAPackage("io.mlmeta.server.identity..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.quarkus..",
            "jakarta..",
            "io.vertx..",
            "io.grpc..",
            "io.mlmeta.server.api..",
            "io.mlmeta.server.service..",
            "io.mlmeta.server.store..")
        .because("who a caller is must be decided the same way for every transport, testably")
        .check(SERVER);
  }

  @Test
  void servicesDoNotKnowTransports() {
    noClasses()
        .that()
        .resideInAPackage("io.mlmeta.server.service..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.grpc..", "io.mlmeta.proto..", "io.mlmeta.server.api..", "io.smallrye.graphql..")
        .because("use cases are transport independent; adapters map to and from them")
        .check(SERVER);
  }
}

package io.mlmeta.sdk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.PackageMatchers;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/**
 * The SDK's layering, enforced: what users get (the client classes in {@code io.mlmeta.sdk} and the
 * records and exceptions in {@code model}, {@code lineage} and {@code error}) and what stays behind
 * {@code io.mlmeta.sdk.grpc}.
 */
class ArchitectureTest {

  private static final JavaClasses SDK =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.mlmeta.sdk");

  /** The SDK's records and exceptions. */
  private static final String[] VALUES = {
    "io.mlmeta.sdk.model..",
    "io.mlmeta.sdk.lineage..",
    "io.mlmeta.sdk.error..",
    "io.mlmeta.sdk.access.."
  };

  /** The internal transport and the generated messages it maps. */
  private static final String[] INTERNALS = {
    "io.mlmeta.sdk.grpc..", "io.mlmeta.proto..", "com.google.protobuf.."
  };

  @Test
  void theSdkDoesNotDependOnServerCode() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.mlmeta.server..", "io.mlmeta.graph..", "io.quarkus..", "jakarta..")
        .because("the SDK reaches the server over gRPC only and ships to users without server code")
        .check(SDK);
  }

  @Test
  void theSdkUsesOnlyTheJdkGrpcProtobufAndItsContract() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "java..",
            "io.mlmeta.sdk..",
            "io.mlmeta.proto..",
            "io.grpc..",
            "com.google.protobuf..",
            "org.jspecify..")
        .because("every other library would become a dependency of every SDK user")
        .check(SDK);
  }

  @Test
  void recordsAndExceptionsDoNotKnowTheTransport() {
    noClasses()
        .that()
        .resideInAnyPackage(VALUES)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.mlmeta.sdk.grpc..", "io.mlmeta.proto..", "com.google.protobuf..", "io.grpc..")
        .because(
            "model, lineage and error hold the SDK's public values; io.mlmeta.sdk.grpc maps them")
        .check(SDK);
  }

  @Test
  void recordsAndExceptionsDoNotDependOnTheClient() {
    noClasses()
        .that()
        .resideInAnyPackage(VALUES)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.mlmeta.sdk")
        .because("records are plain values that Store, Workspace and the rest return")
        .check(SDK);
  }

  @Test
  void thePublicApiDoesNotExposeInternalTypes() {
    members()
        .that()
        .arePublic()
        .and()
        .areDeclaredInClassesThat()
        .arePublic()
        .and()
        .areDeclaredInClassesThat()
        .resideOutsideOfPackage("io.mlmeta.sdk.grpc..")
        .should(notInvolveTypesIn(INTERNALS))
        .because(
            "users must be able to upgrade the generated messages and the transport without"
                + " recompiling; io.grpc types (interceptors, channels) are exposed on purpose")
        .check(SDK);
  }

  @Test
  void sdkPackagesAreFreeOfCycles() {
    slices()
        .matching("io.mlmeta.sdk.(*)..")
        .should()
        .beFreeOfCycles()
        .because("model, lineage, error and grpc build on each other in one direction")
        .check(SDK);
  }

  @Test
  void theSdkNeitherExitsNorPrints() {
    noClasses()
        .should()
        .callMethod(System.class, "exit", int.class)
        .orShould()
        .callMethod(Runtime.class, "exit", int.class)
        .orShould()
        .callMethod(Runtime.class, "halt", int.class)
        .orShould()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .because("a library must not end or write to its host process; it reports by exceptions")
        .check(SDK);
  }

  /** Fails a member whose signature (fields: type) names a type in one of these packages. */
  private static ArchCondition<JavaMember> notInvolveTypesIn(String... packages) {
    PackageMatchers inPackages = PackageMatchers.of(packages);
    return new ArchCondition<>(
        "not have types in " + String.join(", ", packages) + " in signatures") {
      @Override
      public void check(JavaMember member, ConditionEvents events) {
        for (JavaClass type : member.getAllInvolvedRawTypes()) {
          JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
          if (inPackages.test(base.getPackageName())) {
            events.add(
                SimpleConditionEvent.violated(
                    member,
                    member.getFullName()
                        + " exposes "
                        + base.getName()
                        + " in "
                        + member.getSourceCodeLocation()));
          }
        }
      }
    };
  }
}

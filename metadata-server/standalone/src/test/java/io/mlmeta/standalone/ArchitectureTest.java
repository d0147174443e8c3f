package io.mlmeta.standalone;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The launcher starts the server as a separate process from its jar; it must not link the server's
 * classes or its framework, or the two could no longer be built, upgraded and killed apart.
 */
class ArchitectureTest {

  private static final JavaClasses LAUNCHER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.mlmeta.standalone");

  @Test
  void theLauncherDoesNotLinkTheServer() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.mlmeta.server..", "io.quarkus..", "jakarta..", "io.grpc..")
        .because("the server runs in its own JVM, started from metadata-server's jar")
        .check(LAUNCHER);
  }
}

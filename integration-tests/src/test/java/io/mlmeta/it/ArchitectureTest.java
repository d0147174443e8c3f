package io.mlmeta.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end tests see the product only as users do: the packaged server through its APIs, the
 * SDK's public API, the CLI and the Python bridge.
 */
class ArchitectureTest {

  private static final JavaClasses TESTS = new ClassFileImporter().importPackages("io.mlmeta.it");

  @Test
  void theServerIsReachedOnlyThroughItsApis() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.mlmeta.server..", "io.mlmeta.graph..", "io.quarkus..")
        .because("an end-to-end test that calls server internals tests something no user runs")
        .check(TESTS);
  }

  @Test
  void theSdkIsUsedThroughItsPublicApi() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.mlmeta.sdk.grpc..")
        .because("the SDK's transport package is internal and may change without notice")
        .check(TESTS);
  }
}

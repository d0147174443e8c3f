package io.mlmeta.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The CLI's layering, enforced: a client of the SDK's public API, exiting only from main. */
class ArchitectureTest {

  private static final JavaClasses CLI =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.mlmeta.cli");

  @Test
  void theCliUsesOnlyThePublicSdk() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.mlmeta.sdk.grpc..", "io.mlmeta.proto..", "com.google.protobuf..", "io.grpc..")
        .because(
            "the CLI is a client of the SDK's public API like any other; the transport is internal")
        .check(CLI);
  }

  @Test
  void theCliDoesNotDependOnServerCode() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.mlmeta.server..", "io.mlmeta.graph..", "io.quarkus..", "jakarta..")
        .because("the CLI talks to a server through the SDK only")
        .check(CLI);
  }

  @Test
  void onlyMainExitsTheJvm() {
    noClasses()
        .should()
        .callMethodWhere(exitOutsideMain())
        .because(
            "MlmetaCli.run and every command return an exit code, so that tests run the CLI"
                + " in-process")
        .check(CLI);
  }

  @Test
  void onlyTheEnvironmentTouchesTheProcessStreams() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(CliEnvironment.class.getName())
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .orShould()
        .accessField(System.class, "in")
        .because("commands write to CliEnvironment's streams, which tests replace")
        .check(CLI);
  }

  @Test
  void reportsAndRenderersDoNotKnowTheCommandLine() {
    noClasses()
        .that()
        .resideInAnyPackage("io.mlmeta.cli.audit..", "io.mlmeta.cli.output..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
        .because("audit reports and output formats are rendered without parsing anything")
        .check(CLI);
  }

  @Test
  void outputIsALeaf() {
    classes()
        .that()
        .resideInAPackage("io.mlmeta.cli.output..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.mlmeta.cli.output..")
        .because("the JSON and table writers are shared by every command and know none of them")
        .check(CLI);
  }

  @Test
  void cliPackagesAreFreeOfCycles() {
    slices()
        .matching("io.mlmeta.cli.(*)..")
        .should()
        .beFreeOfCycles()
        .because("commands build on audit and output, never the other way round")
        .check(CLI);
  }

  private static DescribedPredicate<JavaMethodCall> exitOutsideMain() {
    return DescribedPredicate.describe(
        "System.exit, Runtime.exit or Runtime.halt outside MlmetaCli.main",
        call -> {
          String owner = call.getTargetOwner().getName();
          String name = call.getName();
          boolean exits =
              (owner.equals(System.class.getName()) && name.equals("exit"))
                  || (owner.equals(Runtime.class.getName())
                      && (name.equals("exit") || name.equals("halt")));
          boolean inMain =
              call.getOriginOwner().isEquivalentTo(MlmetaCli.class)
                  && call.getOrigin().getName().equals("main");
          return exits && !inMain;
        });
  }
}

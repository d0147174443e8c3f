package io.mlmeta.graph;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.Slice;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The port-and-engines layering of the lineage graph, enforced. */
class ArchitectureTest {

  private static final JavaClasses GRAPH =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.mlmeta.graph");

  private static final Set<String> ENGINES = Set.of("memory", "neo4j", "postgres");

  @Test
  void enginesDoNotDependOnEachOther() {
    slices()
        .matching("io.mlmeta.graph.(*)..")
        .that(
            DescribedPredicate.describe(
                "are the engines " + String.join(", ", ENGINES.stream().sorted().toList()),
                (Slice slice) -> ENGINES.contains(slice.getNamePart(1))))
        .should()
        .notDependOnEachOther()
        .because("each engine stands alone behind the port; shared code lives in support")
        .check(GRAPH);
  }

  @Test
  void thePortAndTheModelDoNotDependOnAnyEngine() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.mlmeta.graph", "io.mlmeta.graph.model..", "io.mlmeta.graph.support..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.mlmeta.graph.memory..", "io.mlmeta.graph.neo4j..", "io.mlmeta.graph.postgres..")
        .because("the port, its values and the shared building blocks serve every engine alike")
        .check(GRAPH);
  }

  @Test
  void theModelIsPlainJava() {
    classes()
        .that()
        .resideInAPackage("io.mlmeta.graph.model..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.mlmeta.graph.model..", "org.jspecify..")
        .because("nodes, edges and change sets are plain immutable values")
        .check(GRAPH);
  }

  @Test
  void nothingDependsOnQuarkusCdiOrTheServer() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.quarkus..", "jakarta.enterprise..", "jakarta.inject..", "io.mlmeta.server..")
        .because(
            "lineage-graph is plain Java; the server wires the engines, not the other way round")
        .check(GRAPH);
  }
}

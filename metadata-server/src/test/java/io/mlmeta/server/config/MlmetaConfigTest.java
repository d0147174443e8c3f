package io.mlmeta.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlmeta.server.lineage.LineageEngine;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings are read the way Quarkus reads them at start, so a bad value stops the server. */
class MlmetaConfigTest {

  private static SmallRyeConfig read(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withMapping(MlmetaConfig.class)
        // Quarkus reads "100ms"-style durations with its own converter.
        .withConverter(Duration.class, 100, new DurationConverter())
        .withSources(new PropertiesConfigSource(properties, "test", 500))
        .addDefaultInterceptors()
        .build();
  }

  @Test
  void routerEnginesDefaultToTheIndexAndAcceptLowerCaseNames() {
    MlmetaConfig config =
        read(Map.of(
                "mlmeta.lineage.router.paths", "neo4j", "mlmeta.lineage.router.impact", "postgres"))
            .getConfigMapping(MlmetaConfig.class);
    assertThat(config.lineage().router().traverse()).isEqualTo(LineageEngine.MEMORY);
    assertThat(config.lineage().router().impact()).isEqualTo(LineageEngine.POSTGRES);
    assertThat(config.lineage().router().paths()).isEqualTo(LineageEngine.NEO4J);
  }

  @Test
  void anUnknownRouterEngineIsRefusedWhenTheConfigurationIsRead() {
    assertThatThrownBy(() -> read(Map.of("mlmeta.lineage.router.traverse", "cypher")))
        .hasMessageContaining("mlmeta.lineage.router.traverse")
        .hasMessageContaining("cypher");
  }
}

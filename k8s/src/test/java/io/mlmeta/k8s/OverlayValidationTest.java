package io.mlmeta.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every overlay with kubectl and validates the objects against schema and server config.
 */
class OverlayValidationTest {

  private static final ServerConfiguration SERVER = ServerConfiguration.load();

  static Stream<String> overlays() throws Exception {
    try (Stream<Path> dirs = Files.list(Rendered.OVERLAYS)) {
      List<String> names =
          dirs.filter(d -> Files.exists(d.resolve("kustomization.yaml")))
              .map(d -> d.getFileName().toString())
              .sorted()
              .toList();
      assertThat(names).as("overlays").contains("dev", "prod");
      return names.stream();
    }
  }

  private static ManifestChecks checks(String overlay) {
    return new ManifestChecks(Rendered.of(overlay), SERVER);
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyDocumentMatchesItsSchema(String overlay) {
    // Rendered.of parses strictly and throws on the first invalid document.
    assertThat(Rendered.of(overlay).objects()).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void labelsAndSelectorsAgree(String overlay) {
    assertThat(checks(overlay).labels()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void serverListensOnOnePort(String overlay) {
    assertThat(checks(overlay).serverPort()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void servicesReachTheServerPort(String overlay) {
    assertThat(checks(overlay).services()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void probesUseQuarkusHealthEndpoints(String overlay) {
    assertThat(checks(overlay).probes()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void environmentIsWhatTheServerReads(String overlay) {
    assertThat(checks(overlay).environment()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void secretAndConfigMapReferencesResolve(String overlay) {
    assertThat(checks(overlay).references()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void serverRunsRestricted(String overlay) {
    assertThat(checks(overlay).security()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void gracePeriodCoversShutdown(String overlay) {
    assertThat(checks(overlay).shutdown()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyContainerHasResources(String overlay) {
    assertThat(checks(overlay).resources()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void serverImageIsPinned(String overlay) {
    assertThat(checks(overlay).image()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void callersAreIdentifiedNeverAnonymous(String overlay) {
    assertThat(checks(overlay).identification()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void sidecarAddressIsTrustedOnlyBehindAnAuthorizationPolicy(String overlay) {
    assertThat(checks(overlay).sidecarTrust()).isEmpty();
  }

  @Test
  void serverConfigurationIsParsed() {
    assertThat(SERVER.environmentNames())
        .contains("MLMETA_DB_URL", "MLMETA_DB_USER", "MLMETA_DB_PASSWORD", "MLMETA_DB_POOL_SIZE")
        .contains("MLMETA_LOG_JSON", "QUARKUS_HTTP_PORT", "QUARKUS_SHUTDOWN_TIMEOUT");
  }

  /**
   * The consistency checks fail too: a broken server Deployment is reported, problem by problem.
   */
  @Test
  void consistencyChecksCatchABrokenDeployment() {
    Rendered rendered = Rendered.of("prod");
    Container server = rendered.serverContainer();
    server.getEnv().add(new EnvVar("MLMETA_DATABASE_URL", "jdbc:postgresql://db/mlmeta", null));
    server.getLivenessProbe().getHttpGet().setPath("/health");
    server.getSecurityContext().setReadOnlyRootFilesystem(false);
    rendered
        .find(Service.class, ManifestChecks.GRPC_SERVICE)
        .orElseThrow()
        .getSpec()
        .getPorts()
        .get(0)
        .setTargetPort(new IntOrString(9090));
    ManifestChecks checks = new ManifestChecks(rendered, SERVER);

    assertThat(checks.environment()).singleElement().asString().contains("MLMETA_DATABASE_URL");
    assertThat(checks.probes()).singleElement().asString().contains("/q/health/live");
    assertThat(checks.security()).singleElement().asString().contains("readOnlyRootFilesystem");
    assertThat(checks.services())
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p).contains("mlmeta-grpc"));
  }

  /** The identification checks fail too: anonymous access, or a sidecar without the policy. */
  @Test
  void identificationChecksCatchAnonymousAccessAndAnUnscreenedSidecar() {
    Rendered rendered = Rendered.of("dev");
    rendered.all(ConfigMap.class).stream()
        .filter(m -> m.getMetadata().getName().startsWith("mlmeta-config"))
        .forEach(m -> m.getData().put(ManifestChecks.INSECURE_ANONYMOUS, "true"));
    rendered
        .server()
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getLabels()
        .put(ManifestChecks.SIDECAR_INJECT_LABEL, "true");
    ManifestChecks checks = new ManifestChecks(rendered, SERVER);

    assertThat(checks.identification()).singleElement().asString().contains("anonymously");
    assertThat(checks.sidecarTrust()).singleElement().asString().contains("127.0.0.6");

    rendered.all(ConfigMap.class).stream()
        .filter(m -> m.getMetadata().getName().startsWith("mlmeta-config"))
        .forEach(m -> m.getData().remove(ManifestChecks.TRUSTED_CIDRS));
    assertThat(checks.identification()).anySatisfy(p -> assertThat(p).contains("refuses to start"));
  }

  @Nested
  class Dev {

    private final Rendered dev = Rendered.of("dev");

    @Test
    void believesTheGatewayHeadersFromTheSidecarAndPortForwardOnly() {
      Map<String, String> env = new ManifestChecks(dev, SERVER).environment(dev.serverContainer());
      String cidrs = env.get(ManifestChecks.TRUSTED_CIDRS);

      assertThat(cidrs).isNotBlank();
      for (String address : List.of("127.0.0.6", "::6", "127.0.0.1", "::1")) {
        assertThat(Cidrs.anyContains(cidrs, address)).as(address).isTrue();
      }
      for (String address : List.of("10.0.0.7", "192.168.1.5", "172.16.0.3", "fd00::7")) {
        assertThat(Cidrs.anyContains(cidrs, address)).as("pod address %s", address).isFalse();
      }
      assertThat(env.get(ManifestChecks.INSECURE_ANONYMOUS)).isNotEqualTo("true");
      assertThat(env.get(ManifestChecks.OIDC_ISSUER))
          .as("dev runs in trusted-header mode")
          .isNull();
    }

    @Test
    void namesGlobalAdmins() {
      Map<String, String> env = new ManifestChecks(dev, SERVER).environment(dev.serverContainer());

      assertThat(env.get("MLMETA_SECURITY_ADMIN_GROUPS")).isNotBlank();
    }

    @Test
    void serverGetsNoSidecarWithoutTheIstioComponent() {
      assertThat(dev.server().getSpec().getTemplate().getMetadata().getLabels())
          .containsEntry(ManifestChecks.SIDECAR_INJECT_LABEL, "false");
      assertThat(dev.all(IstioSecurity.AuthorizationPolicy.class))
          .as("dev renders without Istio's CRDs")
          .isEmpty();
    }

    @Test
    void runsOneServerReplica() {
      assertThat(dev.server().getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void bundlesPostgres17ReachableAtTheConfiguredUrl() {
      StatefulSet postgres = statefulSetWithImage("postgres:17");
      URI url = URI.create(secretValue("mlmeta-database", "jdbc-url").substring("jdbc:".length()));

      assertThat(url.getScheme()).isEqualTo("postgresql");
      assertServiceReaches(url.getHost(), url.getPort(), postgres);
    }

    @Test
    void bundlesNeo4jReachableAtTheConfiguredUri() {
      StatefulSet neo4j = statefulSetWithImage("neo4j:5.26-community");
      URI uri = URI.create(secretValue("mlmeta-neo4j", "uri"));

      assertThat(uri.getScheme()).isEqualTo("bolt");
      assertServiceReaches(uri.getHost(), uri.getPort(), neo4j);
    }

    @Test
    void neo4jTakesItsPasswordFromTheSecretAndHasABoundedHeap() {
      Container neo4j =
          statefulSetWithImage("neo4j:5.26-community")
              .getSpec()
              .getTemplate()
              .getSpec()
              .getContainers()
              .get(0);
      EnvVar auth = env(neo4j, "NEO4J_AUTH");
      assertThat(auth.getValue()).as("NEO4J_AUTH must not be a literal").isNull();
      String name = auth.getValueFrom().getSecretKeyRef().getName();
      String key = auth.getValueFrom().getSecretKeyRef().getKey();
      assertThat(secretValue(name, key))
          .isEqualTo(
              secretValue("mlmeta-neo4j", "username")
                  + "/"
                  + secretValue("mlmeta-neo4j", "password"));

      long heap = neo4jBytes(env(neo4j, "NEO4J_server_memory_heap_max__size").getValue());
      long pageCache = neo4jBytes(env(neo4j, "NEO4J_server_memory_pagecache_size").getValue());
      long limit =
          Quantity.getAmountInBytes(neo4j.getResources().getLimits().get("memory")).longValue();
      assertThat(heap + pageCache).as("heap + page cache below the memory limit").isLessThan(limit);
    }

    private StatefulSet statefulSetWithImage(String image) {
      return dev.all(StatefulSet.class).stream()
          .filter(
              s ->
                  image.equals(
                      s.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()))
          .findFirst()
          .orElseThrow(() -> new AssertionError("dev overlay has no StatefulSet running " + image));
    }

    private void assertServiceReaches(String host, int port, StatefulSet target) {
      Service service =
          dev.find(Service.class, host)
              .orElseThrow(() -> new AssertionError("no Service named " + host));
      assertThat(service.getSpec().getPorts()).extracting(ServicePort::getPort).contains(port);
      assertThat(
              Selectors.matches(
                  service.getSpec().getSelector(),
                  target.getSpec().getTemplate().getMetadata().getLabels()))
          .as("Service %s selects %s", host, target.getMetadata().getName())
          .isTrue();
      assertThat(target.getSpec().getServiceName()).isEqualTo(host);
    }

    /**
     * The generated Secret's name carries a hash suffix; the Deployment refers to it by that name.
     */
    private String secretValue(String baseName, String key) {
      Secret secret =
          dev.all(Secret.class).stream()
              .filter(
                  s ->
                      s.getMetadata().getName().equals(baseName)
                          || s.getMetadata().getName().startsWith(baseName + "-"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("dev overlay has no Secret " + baseName));
      String encoded = secret.getData().get(key);
      assertThat(encoded).as("Secret %s key %s", baseName, key).isNotNull();
      return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }
  }

  @Nested
  class Prod {

    private final Rendered prod = Rendered.of("prod");

    @Test
    void runsAtLeastTwoReplicas() {
      assertThat(prod.server().getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void commitsNoSecretsAndBundlesNoDatabase() {
      assertThat(prod.all(Secret.class)).as("Secrets are created outside the repository").isEmpty();
      assertThat(prod.all(StatefulSet.class)).as("prod uses external databases").isEmpty();
      for (Container c : prod.server().getSpec().getTemplate().getSpec().getContainers()) {
        assertThat(ManifestChecks.list(c.getEnv()))
            .filteredOn(e -> e.getName().contains("PASSWORD"))
            .allSatisfy(e -> assertThat(e.getValue()).as(e.getName()).isNull());
      }
    }

    @Test
    void autoscalesTheServerDeployment() {
      HorizontalPodAutoscaler hpa = single(HorizontalPodAutoscaler.class);
      Deployment server = prod.server();

      assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
      assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
      assertThat(hpa.getSpec().getScaleTargetRef().getName())
          .isEqualTo(server.getMetadata().getName());
      assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
      assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
      assertThat(hpa.getSpec().getMetrics()).isNotEmpty();
    }

    @Test
    void disruptionBudgetCoversTheServerAndAllowsDrains() {
      PodDisruptionBudget pdb = single(PodDisruptionBudget.class);

      assertThat(Selectors.matches(pdb.getSpec().getSelector(), serverLabels())).isTrue();
      assertThat(pdb.getSpec().getMinAvailable()).as("use minAvailable").isNotNull();
      assertThat(pdb.getSpec().getMinAvailable().getIntVal())
          .as("minAvailable below the replica count, or no node could be drained")
          .isLessThan(prod.server().getSpec().getReplicas());
    }

    @Test
    void networkPolicyAdmitsOnlyTheServerPortAndTheDatabases() {
      NetworkPolicy policy = single(NetworkPolicy.class);

      assertThat(Selectors.matches(policy.getSpec().getPodSelector(), serverLabels())).isTrue();
      assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
      assertThat(policy.getSpec().getIngress())
          .flatExtracting(rule -> ports(rule.getPorts()))
          .containsOnly(ManifestChecks.SERVER_PORT);
      assertThat(policy.getSpec().getEgress())
          .flatExtracting(rule -> ports(rule.getPorts()))
          .contains(53, 5432, 7687);
    }

    @Test
    void replicasAreSpreadOverNodesAndZones() {
      var pod = prod.server().getSpec().getTemplate().getSpec();

      assertThat(pod.getTopologySpreadConstraints())
          .extracting(c -> c.getTopologyKey())
          .contains("topology.kubernetes.io/zone", "kubernetes.io/hostname");
      assertThat(pod.getTopologySpreadConstraints())
          .allSatisfy(
              c -> assertThat(Selectors.matches(c.getLabelSelector(), serverLabels())).isTrue());
      assertThat(
              pod.getAffinity()
                  .getPodAntiAffinity()
                  .getPreferredDuringSchedulingIgnoredDuringExecution())
          .allSatisfy(
              t ->
                  assertThat(
                          Selectors.matches(
                              t.getPodAffinityTerm().getLabelSelector(), serverLabels()))
                      .isTrue());
    }

    @Test
    void serverHasProductionResources() {
      var resources = prod.serverContainer().getResources();

      assertThat(resources.getRequests()).containsKeys("cpu", "memory");
      assertThat(resources.getLimits()).containsKey("memory");
      assertThat(Quantity.getAmountInBytes(resources.getLimits().get("memory")))
          .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(resources.getRequests().get("memory")));
      assertThat(Quantity.getAmountInBytes(resources.getRequests().get("memory")))
          .isGreaterThanOrEqualTo(new BigDecimal(1L << 30));
    }

    @Test
    void identifiesCallersByOidcTokensWithAnonymousOff() {
      Map<String, String> env =
          new ManifestChecks(prod, SERVER).environment(prod.serverContainer());

      assertThat(env.get("MLMETA_SECURITY_OIDC_ISSUER")).startsWith("https://");
      assertThat(env.get("MLMETA_SECURITY_OIDC_AUDIENCE")).isNotBlank();
      assertThat(env).containsEntry("MLMETA_SECURITY_INSECURE_ANONYMOUS", "false");
      assertThat(single(NetworkPolicy.class).getSpec().getEgress())
          .as("the server reaches the issuer's discovery document and keys")
          .flatExtracting(rule -> ports(rule.getPorts()))
          .contains(443);
    }

    @Test
    void logsJson() {
      assertThat(new ManifestChecks(prod, SERVER).environment(prod.serverContainer()))
          .containsEntry("MLMETA_LOG_JSON", "true");
    }

    private Map<String, String> serverLabels() {
      return prod.server().getSpec().getTemplate().getMetadata().getLabels();
    }

    private <T extends HasMetadata> T single(Class<T> type) {
      assertThat(prod.all(type)).as(type.getSimpleName()).hasSize(1);
      return prod.all(type).get(0);
    }
  }

  private static List<Integer> ports(List<NetworkPolicyPort> ports) {
    return ManifestChecks.list(ports).stream().map(p -> p.getPort().getIntVal()).toList();
  }

  private static EnvVar env(Container c, String name) {
    return ManifestChecks.list(c.getEnv()).stream()
        .filter(e -> name.equals(e.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(c.getName() + " does not set " + name));
  }

  /** Neo4j memory settings: a number with an optional k/m/g suffix (powers of 1024). */
  private static long neo4jBytes(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    long unit =
        switch (v.charAt(v.length() - 1)) {
          case 'k' -> 1L << 10;
          case 'm' -> 1L << 20;
          case 'g' -> 1L << 30;
          default -> 1L;
        };
    String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
    return Long.parseLong(digits) * unit;
  }
}

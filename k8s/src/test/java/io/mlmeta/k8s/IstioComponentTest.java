package io.mlmeta.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.mlmeta.k8s.IstioAuthorization.Request;
import io.mlmeta.k8s.IstioSecurity.Action;
import io.mlmeta.k8s.IstioSecurity.AuthorizationPolicy;
import io.mlmeta.k8s.IstioSecurity.MtlsMode;
import io.mlmeta.k8s.IstioSecurity.PeerAuthentication;
import io.mlmeta.k8s.IstioSecurity.Source;
import io.mlmeta.k8s.Rendered.Workload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dev-istio overlay (dev + components/istio): the server behind a sidecar whose policy lets
 * Kubeflow's gateway send the identity headers, lets other mesh callers in with a bearer token but
 * without those headers, and refuses everything else.
 */
class IstioComponentTest {

  static final String GATEWAY =
      "cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account";
  static final String PIPELINE = "cluster.local/ns/team-a/sa/default-editor";

  private final Rendered rendered = Rendered.of("dev-istio");

  @Test
  void policyTargetsTheServerAndNothingElse() {
    AuthorizationPolicy policy = single(AuthorizationPolicy.class);
    Map<String, String> selector = policy.getSpec().selector().matchLabels();

    assertThat(policy.getSpec().action()).isEqualTo(Action.ALLOW);
    assertThat(rendered.workloads())
        .filteredOn(w -> Selectors.matches(selector, w.podLabels()))
        .extracting(Workload::name)
        .containsExactly(rendered.server().getMetadata().getName());
    assertThat(policy.getMetadata().getNamespace())
        .isEqualTo(rendered.server().getMetadata().getNamespace());
  }

  @Test
  void policyNamesTheGatewayPrincipalForTheIdentityHeader() {
    AuthorizationPolicy policy = single(AuthorizationPolicy.class);

    assertThat(policy.getSpec().rules())
        .flatExtracting(rule -> ManifestChecks.list(rule.from()))
        .extracting(from -> from.source())
        .flatExtracting(Source::principals)
        .containsExactly(GATEWAY);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          gateway with the user and groups            | GATEWAY  | alice@example.com | team-a | -                  | true
          gateway with the user and her ID token      | GATEWAY  | alice@example.com | -      | Bearer eyJhbGciOi  | true
          gateway without the user header             | GATEWAY  | -                 | team-a | -                  | false
          gateway with nothing                        | GATEWAY  | -                 | -      | -                  | false
          pipeline with a service-account token       | PIPELINE | -                 | -      | Bearer eyJhbGciOi  | true
          pipeline with an API token, lower case      | PIPELINE | -                 | -      | bearer mlm_abc_def | true
          pipeline claiming a user                    | PIPELINE | admin@example.com | -      | -                  | false
          pipeline claiming a user beside its token   | PIPELINE | admin@example.com | -      | Bearer eyJhbGciOi  | false
          pipeline claiming groups beside its token   | PIPELINE | -                 | admins | Bearer eyJhbGciOi  | false
          pipeline claiming an empty user             | PIPELINE | ''                | -      | Bearer eyJhbGciOi  | false
          pipeline with basic auth                    | PIPELINE | -                 | -      | Basic dXNlcjpwdw== | false
          pipeline with nothing                       | PIPELINE | -                 | -      | -                  | false
          plaintext peer claiming a user              | -        | admin@example.com | -      | -                  | false
          """)
  void onlyTheGatewaySendsIdentityHeaders(
      String description,
      String peer,
      String user,
      String groups,
      String authorization,
      boolean allowed) {
    String principal =
        peer == null
            ? null
            : Objects.requireNonNull(Map.of("GATEWAY", GATEWAY, "PIPELINE", PIPELINE).get(peer));
    Map<String, String> headers = new HashMap<>();
    if (user != null) {
      headers.put("kubeflow-userid", user);
    }
    if (groups != null) {
      headers.put("kubeflow-groups", groups);
    }
    if (authorization != null) {
      headers.put("authorization", authorization);
    }

    assertThat(
            IstioAuthorization.allows(
                single(AuthorizationPolicy.class), new Request(principal, headers)))
        .as(description)
        .isEqualTo(allowed);
  }

  @Test
  void mutualTlsIsStrictForTheServer() {
    PeerAuthentication peer = single(PeerAuthentication.class);

    assertThat(peer.getSpec().mtls().mode()).isEqualTo(MtlsMode.STRICT);
    assertThat(peer.getSpec().portLevelMtls()).as("no port is exempt").isNull();
    assertThat(
            Selectors.matches(
                peer.getSpec().selector().matchLabels(),
                rendered.server().getSpec().getTemplate().getMetadata().getLabels()))
        .isTrue();
  }

  @Test
  void serverGetsTheSidecarAndTrustsItsAddress() {
    assertThat(rendered.server().getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry(ManifestChecks.SIDECAR_INJECT_LABEL, "true");
    String cidrs =
        new ManifestChecks(rendered, ServerConfiguration.load())
            .environment(rendered.serverContainer())
            .get(ManifestChecks.TRUSTED_CIDRS);
    assertThat(ManifestChecks.ISTIO_SIDECAR_ADDRESSES)
        .allSatisfy(address -> assertThat(Cidrs.anyContains(cidrs, address)).isTrue());
  }

  private <T extends HasMetadata> T single(Class<T> type) {
    List<T> all = rendered.all(type);
    assertThat(all).as(type.getSimpleName()).hasSize(1);
    return all.get(0);
  }
}

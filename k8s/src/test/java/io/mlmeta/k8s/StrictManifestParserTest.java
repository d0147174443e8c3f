package io.mlmeta.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.mlmeta.k8s.StrictManifestParser.InvalidManifestException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proves the schema gate can fail: each broken document below must be rejected. */
class StrictManifestParserTest {

  private static final String VALID =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: demo
      spec:
        replicas: 2
        selector:
          matchLabels: {app: demo}
        template:
          metadata:
            labels: {app: demo}
          spec:
            containers:
              - name: server
                image: example/demo:1
                ports:
                  - containerPort: 8080
                env:
                  - name: A
                    value: "1"
                resources:
                  requests: {cpu: 250m, memory: 512Mi}
      """;

  private final StrictManifestParser parser = new StrictManifestParser();

  @Test
  void acceptsAValidDocument() {
    List<HasMetadata> objects =
        parser.parse(VALID + "---\n" + VALID.replace("name: demo", "name: demo2"));

    assertThat(objects).hasSize(2).allSatisfy(o -> assertThat(o).isInstanceOf(Deployment.class));
    assertThat(((Deployment) objects.get(0)).getSpec().getReplicas()).isEqualTo(2);
  }

  @Test
  void rejectsAWrongScalarType() {
    assertRejected(VALID.replace("replicas: 2", "replicas: two"), "spec.replicas");
  }

  @Test
  void rejectsAnUnknownField() {
    assertRejected(VALID.replace("replicas: 2", "replicas: 2\n  replica: 2"), "replica");
  }

  @Test
  void rejectsAMisspelledNestedField() {
    assertRejected(
        VALID.replace(
            "image: example/demo:1", "image: example/demo:1\n          imagePullPolicyy: Always"),
        "spec.template.spec.containers[0]");
  }

  @Test
  void rejectsANumberWrittenAsAString() {
    assertRejected(
        VALID.replace("containerPort: 8080", "containerPort: \"8080\""),
        "spec.template.spec.containers[0].ports[0].containerPort");
  }

  @Test
  void rejectsANumberWhereKubernetesWantsAString() {
    assertRejected(
        VALID.replace("value: \"1\"", "value: 1"), "spec.template.spec.containers[0].env[0].value");
  }

  @Test
  void rejectsADuplicateKey() {
    assertRejected(VALID.replace("replicas: 2", "replicas: 2\n  replicas: 3"), "replicas");
  }

  @Test
  void rejectsAnUnknownOrRemovedApiVersion() {
    assertRejected(
        VALID.replace("apiVersion: apps/v1", "apiVersion: extensions/v1beta1"), "no schema");
  }

  @Test
  void rejectsADocumentWithoutName() {
    assertRejected(VALID.replace("  name: demo\n", "  labels: {a: b}\n"), "metadata.name");
  }

  private static final String ISTIO_POLICY =
      """
      apiVersion: security.istio.io/v1
      kind: AuthorizationPolicy
      metadata:
        name: demo
      spec:
        selector:
          matchLabels: {app: demo}
        action: ALLOW
        rules:
          - from:
              - source:
                  principals: ["cluster.local/ns/istio-system/sa/gateway"]
            when:
              - key: request.headers[kubeflow-userid]
                values: ["*"]
      ---
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata:
        name: demo
      spec:
        selector:
          matchLabels: {app: demo}
        mtls:
          mode: STRICT
      """;

  @Test
  void acceptsIstioSecurityResources() {
    List<HasMetadata> objects = parser.parse(ISTIO_POLICY);

    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .containsExactly("AuthorizationPolicy", "PeerAuthentication");
    assertThat(((IstioSecurity.AuthorizationPolicy) objects.get(0)).getSpec().rules())
        .singleElement()
        .satisfies(rule -> assertThat(rule.when()).hasSize(1));
  }

  @Test
  void rejectsAMisspelledIstioField() {
    assertRejected(ISTIO_POLICY.replace("principals:", "principal:"), "spec.rules[0].from[0]");
  }

  @Test
  void rejectsAnUnknownIstioEnumValue() {
    assertRejected(ISTIO_POLICY.replace("mode: STRICT", "mode: STRICTLY"), "spec.mtls.mode");
    assertRejected(ISTIO_POLICY.replace("action: ALLOW", "action: PERMIT"), "spec.action");
  }

  private void assertRejected(String yaml, String expectedInMessage) {
    assertThatThrownBy(() -> parser.parse(yaml))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining(expectedInMessage);
  }
}

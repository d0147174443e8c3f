package io.mlmeta.k8s;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;

/**
 * Typed models of the two Istio resources components/istio renders (security.istio.io/v1), for
 * {@link StrictManifestParser}. fabric8 ships no Istio model; these declare the fields of Istio's
 * API at the levels the manifests use, so a misspelled field fails as unknown and an unknown action
 * or mTLS mode fails as a bad enum value, as Istio's CRD validation would reject them.
 */
final class IstioSecurity {

  static final String API_VERSION = "security.istio.io/v1";

  private IstioSecurity() {}

  /**
   * Shared by both kinds: apiVersion, kind, metadata and a typed spec. Bound as a plain bean: the
   * polymorphic deserializer fabric8 declares on {@link HasMetadata} knows no Istio kinds.
   */
  @JsonDeserialize(using = JsonDeserializer.None.class)
  abstract static class Resource<S> implements HasMetadata {
    public String apiVersion;
    public String kind;
    public ObjectMeta metadata;
    public S spec;

    @Override
    public ObjectMeta getMetadata() {
      return metadata;
    }

    @Override
    public void setMetadata(ObjectMeta metadata) {
      this.metadata = metadata;
    }

    @Override
    public String getApiVersion() {
      return apiVersion;
    }

    @Override
    public void setApiVersion(String apiVersion) {
      this.apiVersion = apiVersion;
    }

    @Override
    public String getKind() {
      return kind;
    }

    public S getSpec() {
      return spec;
    }
  }

  @JsonDeserialize(using = JsonDeserializer.None.class)
  static final class AuthorizationPolicy extends Resource<AuthorizationPolicySpec> {}

  @JsonDeserialize(using = JsonDeserializer.None.class)
  static final class PeerAuthentication extends Resource<PeerAuthenticationSpec> {}

  record WorkloadSelector(Map<String, String> matchLabels) {}

  record AuthorizationPolicySpec(
      WorkloadSelector selector, Action action, String provider, List<Rule> rules) {}

  enum Action {
    ALLOW,
    DENY,
    AUDIT,
    CUSTOM
  }

  record Rule(List<From> from, List<To> to, List<Condition> when) {}

  record From(Source source) {}

  record Source(
      List<String> principals,
      List<String> notPrincipals,
      List<String> requestPrincipals,
      List<String> notRequestPrincipals,
      List<String> namespaces,
      List<String> notNamespaces,
      List<String> ipBlocks,
      List<String> notIpBlocks,
      List<String> remoteIpBlocks,
      List<String> notRemoteIpBlocks) {}

  record To(Operation operation) {}

  record Operation(
      List<String> hosts,
      List<String> notHosts,
      List<String> ports,
      List<String> notPorts,
      List<String> methods,
      List<String> notMethods,
      List<String> paths,
      List<String> notPaths) {}

  record Condition(String key, List<String> values, List<String> notValues) {}

  record PeerAuthenticationSpec(
      WorkloadSelector selector, Mtls mtls, Map<String, Mtls> portLevelMtls) {}

  record Mtls(MtlsMode mode) {}

  enum MtlsMode {
    UNSET,
    DISABLE,
    PERMISSIVE,
    STRICT
  }
}

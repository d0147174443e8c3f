package io.mlmeta.server.api.graphql.model;

import org.eclipse.microprofile.graphql.Description;

@Description("How a caller was identified.")
public enum CallerKind {
  @Description("A person, through an OIDC token or the gateway's header.")
  USER,
  @Description("A workload, through a Kubernetes service-account token.")
  SERVICE_ACCOUNT,
  @Description("A machine or CI job, through an mlmeta API token.")
  TOKEN,
  @Description("Nobody identified; only on a server listening on loopback, or one set insecure.")
  ANONYMOUS
}

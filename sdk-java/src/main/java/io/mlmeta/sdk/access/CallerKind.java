package io.mlmeta.sdk.access;

/** How the server identified a caller. */
public enum CallerKind {
  /** A person, from an OIDC token or a gateway's headers. */
  USER,
  /** A Kubernetes service account, from its projected token. */
  SERVICE_ACCOUNT,
  /** An mlmeta API token. */
  TOKEN,
  /** Nobody: allowed only on a server listening on loopback, where it is admin. */
  ANONYMOUS
}

package io.mlmeta.server.api.http;

import io.mlmeta.server.identity.Principal;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** The {@link Principal} of the current request, as {@link CallerAuthentication} resolved it. */
@RequestScoped
public class CallerIdentity {

  private final SecurityIdentity identity;

  CallerIdentity(SecurityIdentity identity) {
    this.identity = identity;
  }

  /**
   * The caller; fails when the request did not pass through {@link CallerAuthentication}, which
   * would be a wiring mistake, not a client error.
   */
  public Principal principal() {
    Principal principal = identity.getAttribute(CallerAuthentication.PRINCIPAL_ATTRIBUTE);
    if (principal == null) {
      throw new IllegalStateException("the request was not authenticated by CallerAuthentication");
    }
    return principal;
  }
}

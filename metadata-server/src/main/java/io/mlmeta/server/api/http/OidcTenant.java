package io.mlmeta.server.api.http;

import io.mlmeta.server.config.MlmetaConfig;
import io.quarkus.oidc.Oidc;
import io.quarkus.oidc.OidcTenantConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Switches quarkus-oidc's default tenant off when no issuer is configured. Its settings come from
 * application.properties ({@code quarkus.oidc.*}, fed by {@code mlmeta.security.oidc.*}), but a
 * tenant without an issuer URL stops the server at start, and a property expression cannot turn
 * "issuer empty" into {@code tenant-enabled=false}; so the zero-setup server disables it here.
 */
@ApplicationScoped
class OidcTenant {

  private final boolean issuerConfigured;

  OidcTenant(MlmetaConfig config) {
    this.issuerConfigured =
        config.security().oidc().issuer().filter(issuer -> !issuer.isBlank()).isPresent();
  }

  void disableWithoutIssuer(@Observes Oidc oidc) {
    if (!issuerConfigured) {
      oidc.create(OidcTenantConfig.builder().disableTenant().build());
    }
  }
}

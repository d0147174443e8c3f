package io.mlmeta.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlmeta.server.domain.error.UnauthenticatedException;
import io.mlmeta.server.identity.PrincipalResolver.Resolution;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PrincipalResolverTest {

  private static final InetAddress GATEWAY = address("10.0.0.5");
  private static final InetAddress ELSEWHERE = address("192.0.2.7");

  private final PrincipalResolver withOidc = resolver(true);
  private final PrincipalResolver withoutOidc = resolver(false);

  @Test
  void aBearerTokenIsHandedOnForVerificationOnlyWhenAnIssuerIsConfigured() {
    assertThat(withOidc.resolve(request(ELSEWHERE, Map.of("authorization", "Bearer eyJ.x.y"))))
        .isEqualTo(new Resolution.OidcToken("eyJ.x.y"));
    assertThat(withOidc.resolve(request(ELSEWHERE, Map.of("authorization", "bearer  eyJ.x.y "))))
        .isEqualTo(new Resolution.OidcToken("eyJ.x.y"));
    assertThatThrownBy(
            () -> withoutOidc.resolve(request(ELSEWHERE, Map.of("authorization", "Bearer eyJ"))))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessageContaining("no issuer is configured");
  }

  @Test
  void theTokenIsNotPrinted() {
    assertThat(new Resolution.OidcToken("secret-value").toString()).doesNotContain("secret");
    assertThat(new Resolution.ApiToken("mlm_secret-value").toString()).doesNotContain("secret");
  }

  @Test
  void apiTokensAreToldApartFromOidcTokens() {
    assertThat(withOidc.resolve(request(ELSEWHERE, Map.of("authorization", "Bearer mlm_abc_def"))))
        .isEqualTo(new Resolution.ApiToken("mlm_abc_def"));
    assertThat(withOidc.resolve(request(ELSEWHERE, Map.of("authorization", "Bearer eyJ"))))
        .isEqualTo(new Resolution.OidcToken("eyJ"));
  }

  @Test
  void otherSchemesAndEmptyTokensAreRefused() {
    for (String authorization : List.of("Basic YTpi", "Bearer", "Bearer  ")) {
      assertThatThrownBy(
              () -> withOidc.resolve(request(ELSEWHERE, Map.of("authorization", authorization))))
          .as(authorization)
          .isInstanceOf(UnauthenticatedException.class);
    }
  }

  @Test
  void theTrustedGatewaysHeadersWinOverATokenItForwards() {
    Resolution resolution =
        withOidc.resolve(
            request(GATEWAY, Map.of("kubeflow-userid", "alice", "authorization", "Bearer eyJ")));

    assertThat(resolution)
        .isEqualTo(
            new Resolution.Identified(
                new Principal("alice", java.util.Set.of(), Principal.Kind.USER)));
    assertThatThrownBy(
            () ->
                withOidc.resolve(
                    request(
                        ELSEWHERE,
                        Map.of("kubeflow-userid", "alice", "authorization", "Bearer eyJ"))))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessageContaining("accepted only from trusted proxies");
  }

  @Test
  void withoutAnyIdentityOnlyAnAnonymousServerAnswers() {
    assertThatThrownBy(() -> withOidc.resolve(request(ELSEWHERE, Map.of())))
        .isInstanceOf(UnauthenticatedException.class);
  }

  private static PrincipalResolver resolver(boolean oidc) {
    return new PrincipalResolver(
        new PrincipalResolver.Settings(
            TrustedProxies.parse(List.of("10.0.0.0/24")),
            "kubeflow-userid",
            "kubeflow-groups",
            false,
            oidc));
  }

  private static PrincipalResolver.Request request(InetAddress peer, Map<String, String> headers) {
    return new PrincipalResolver.Request() {
      @Override
      public @Nullable String header(String name) {
        return headers.get(name);
      }

      @Override
      public InetAddress peer() {
        return peer;
      }
    };
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}

package io.mlmeta.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlmeta.server.domain.error.UnauthenticatedException;
import io.mlmeta.server.identity.Principal.Kind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OidcClaimsTest {

  private final OidcClaims claims = new OidcClaims("groups");

  @Test
  void theSubjectAndGroupsNameAUser() {
    Principal principal =
        claims.principal(Map.of("sub", "alice", "groups", List.of("team-a", " team-b ", "")));

    assertThat(principal)
        .isEqualTo(new Principal("alice", java.util.Set.of("team-a", "team-b"), Kind.USER));
  }

  @Test
  void groupsComeFromTheConfiguredClaimAsAListOrOneString() {
    OidcClaims roles = new OidcClaims("roles");

    assertThat(roles.principal(Map.of("sub", "bob", "roles", "admins")).groups())
        .containsExactly("admins");
    assertThat(roles.principal(Map.of("sub", "bob", "groups", List.of("ignored"))).groups())
        .isEmpty();
  }

  @Test
  void aKubernetesServiceAccountSubjectIsAServiceAccountInItsNamespacesGroups() {
    Principal principal = claims.principal(Map.of("sub", "system:serviceaccount:team-a:trainer"));

    assertThat(principal.kind()).isEqualTo(Kind.SERVICE_ACCOUNT);
    assertThat(principal.groups())
        .containsExactlyInAnyOrder("system:serviceaccounts", "system:serviceaccounts:team-a");
  }

  @Test
  void aSubjectThatOnlyLooksLikeAServiceAccountIsAUser() {
    for (String subject :
        List.of(
            "system:serviceaccount:team-a",
            "system:serviceaccount::trainer",
            "system:serviceaccount:a:b:c",
            "system:serviceaccounts:team-a")) {
      assertThat(claims.principal(Map.of("sub", subject)).kind()).as(subject).isEqualTo(Kind.USER);
    }
  }

  @Test
  void aTokenWithoutASubjectOrWithMalformedGroupsIsRefused() {
    Map<String, Object> noSubject = new HashMap<>();
    noSubject.put("groups", List.of("team-a"));

    assertThatThrownBy(() -> claims.principal(noSubject))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessage("the bearer token names no subject (sub)");
    assertThatThrownBy(() -> claims.principal(Map.of("sub", " ")))
        .isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> claims.principal(Map.of("sub", 42)))
        .isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> claims.principal(Map.of("sub", "x", "groups", List.of("a", 1))))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessage("the bearer token's groups claim is not a string or a list of strings");
    assertThatThrownBy(() -> claims.principal(Map.of("sub", "x", "groups", Map.of("a", "b"))))
        .isInstanceOf(UnauthenticatedException.class);
  }
}

package io.mlmeta.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.mlmeta.proto.v1.CreateApiTokenRequest;
import io.mlmeta.proto.v1.GranteeKind;
import io.mlmeta.proto.v1.ListApiTokensRequest;
import io.mlmeta.sdk.access.ApiToken;
import io.mlmeta.sdk.access.Caller;
import io.mlmeta.sdk.access.CallerKind;
import io.mlmeta.sdk.access.CreatedToken;
import io.mlmeta.sdk.access.Grant;
import io.mlmeta.sdk.access.Grantee;
import io.mlmeta.sdk.access.Role;
import io.mlmeta.sdk.error.NotFoundException;
import io.mlmeta.sdk.error.UnavailableException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code store.access()}: requests sent, answers mapped, what is and is not retried. */
class AccessTest {

  @RegisterExtension final InProcessServer server = new InProcessServer();

  @Test
  void whoamiMapsTheCaller() {
    try (Store store = server.store()) {
      Caller caller = store.access().whoami();

      assertThat(caller)
          .isEqualTo(
              new Caller(
                  "alice@example.com",
                  java.util.List.of("team-a"),
                  CallerKind.USER,
                  false,
                  Map.of("ws", Role.OWNER)));
    }
  }

  @Test
  void grantsAreGivenListedAndRevoked() {
    try (Store store = server.store()) {
      Access access = store.access();
      Grant grant = access.grant("ws", Grantee.group("team-b"), Role.READER);
      access.grant("ws", Grantee.token("0123456789abcdef"), Role.WRITER);
      access.grant("other", Grantee.user("bob"), Role.OWNER);

      assertThat(grant.grantee()).isEqualTo(Grantee.group("team-b"));
      assertThat(grant.grantedBy()).isEqualTo("alice@example.com");
      assertThat(grant.grantTime()).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
      assertThat(server.access.grants.get(1).getGrantee().getKind())
          .isEqualTo(GranteeKind.GRANTEE_TOKEN);
      assertThat(access.grants("ws"))
          .extracting(Grant::grantee, Grant::role)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(Grantee.group("team-b"), Role.READER),
              org.assertj.core.groups.Tuple.tuple(Grantee.token("0123456789abcdef"), Role.WRITER));
      assertThat(access.revoke("ws", Grantee.group("team-b"))).isTrue();
      assertThat(access.revoke("ws", Grantee.group("team-b"))).isFalse();
      assertThat(access.grants("ws")).hasSize(1);
    }
  }

  @Test
  void aCreatedTokenCarriesItsSecretOnceAndHidesItWhenPrinted() {
    try (Store store = server.store()) {
      Map<String, Role> scopes = new LinkedHashMap<>();
      scopes.put("ws", Role.WRITER);
      scopes.put("other", Role.READER);
      Instant expires = Instant.parse("2027-01-01T00:00:00Z");

      CreatedToken created = store.access().createToken("ci", scopes, false, expires);

      CreateApiTokenRequest sent = server.access.requests(CreateApiTokenRequest.class).get(0);
      assertThat(sent.getScopesList())
          .extracting(s -> s.getWorkspace() + "=" + s.getRole())
          .containsExactly("ws=WRITER", "other=READER");
      assertThat(sent.getExpireTime().getSeconds()).isEqualTo(expires.getEpochSecond());
      assertThat(created.secret()).startsWith("mlm_" + created.token().id() + "_");
      assertThat(created.token().scopes()).containsExactlyEntriesOf(scopes);
      assertThat(created.token().expireTime()).isEqualTo(expires);
      assertThat(created.toString()).doesNotContain(created.secret()).contains("hidden");
    }
  }

  @Test
  void tokenCreationIsNotRetriedWhenTheServerMayHaveCreatedOne() {
    try (Store store = server.store()) {
      server.access.failNext("CreateApiToken", Status.UNAVAILABLE);

      assertThatThrownBy(() -> store.access().createToken("ci", Map.of(), true, null))
          .isInstanceOf(UnavailableException.class);
      assertThat(server.access.requests(CreateApiTokenRequest.class)).hasSize(1);
    }
  }

  @Test
  void tokensFollowPagesAndRevokedOnesNeedAsking() {
    try (Store store = server.store()) {
      Access access = store.access();
      for (int i = 0; i < 5; i++) {
        access.createToken("t" + i, Map.of(), false, null);
      }
      ApiToken revoked = access.revokeToken("0000000000000002");

      assertThat(revoked.revokeTime()).isNotNull();
      assertThat(revoked.revokedBy()).isEqualTo("alice@example.com");
      assertThat(revoked.activeAt(Instant.now())).isFalse();
      assertThat(access.tokens(false))
          .extracting(ApiToken::name)
          .containsExactly("t0", "t2", "t3", "t4");
      assertThat(access.tokens(true)).hasSize(5);
      assertThat(server.access.requests(ListApiTokensRequest.class))
          .extracting(ListApiTokensRequest::getPageToken)
          .containsExactly("", "2", "", "2", "4");
      assertThatThrownBy(() -> access.revokeToken("ffffffffffffffff"))
          .isInstanceOf(NotFoundException.class);
    }
  }
}

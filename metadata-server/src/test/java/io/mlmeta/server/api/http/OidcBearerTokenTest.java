package io.mlmeta.server.api.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.mlmeta.proto.v1.CreateWorkspaceRequest;
import io.mlmeta.proto.v1.MetadataServiceGrpc;
import io.mlmeta.server.support.Grpc;
import io.mlmeta.server.support.Jws;
import io.mlmeta.server.support.Names;
import io.mlmeta.server.support.Neo4jResource;
import io.mlmeta.server.support.OidcIssuerResource;
import io.mlmeta.server.support.OidcTokens;
import io.mlmeta.server.support.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OIDC bearer tokens (issue 13), verified for real: {@link OidcIssuerResource} serves the issuer's
 * discovery document and JWKS on localhost and signs RS256 and ES256 tokens with keys only it
 * holds; the server fetches the keys and verifies signature, issuer, audience and lifetime.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(Neo4jResource.class)
@QuarkusTestResource(OidcIssuerResource.class)
class OidcBearerTokenTest {

  private static final String WHOAMI = "{ whoami { subject groups kind } }";
  private static final String NOT_VALID = "the bearer token is not valid for this server";
  private static final String EXPIRED = "the bearer token has expired";

  @Test
  void anRs256TokenNamesTheUserAndTheirGroups() {
    Map<String, Object> claims = OidcTokens.claims("alice@example.com");
    claims.put("groups", List.of("team-b", "team-a"));

    JsonPath answer = whoami(OidcTokens.issue("RS256", claims));

    assertThat(answer.getString("data.whoami.subject")).isEqualTo("alice@example.com");
    assertThat(answer.getString("data.whoami.kind")).isEqualTo("USER");
    assertThat(answer.getList("data.whoami.groups")).containsExactly("team-a", "team-b");
  }

  @Test
  void anEs256TokenIsAcceptedAndAGroupsStringIsOneGroup() {
    Map<String, Object> claims = OidcTokens.claims("bob");
    claims.put("groups", "ml-platform");

    JsonPath answer = whoami(OidcTokens.issue("ES256", claims));

    assertThat(answer.getString("data.whoami.subject")).isEqualTo("bob");
    assertThat(answer.getString("data.whoami.kind")).isEqualTo("USER");
    assertThat(answer.getList("data.whoami.groups")).containsExactly("ml-platform");
  }

  @Test
  void aKubernetesServiceAccountTokenNamesAServiceAccount() {
    String token =
        OidcTokens.issue("ES256", OidcTokens.claims("system:serviceaccount:team-a:trainer"));

    JsonPath answer = whoami(token);

    assertThat(answer.getString("data.whoami.subject"))
        .isEqualTo("system:serviceaccount:team-a:trainer");
    assertThat(answer.getString("data.whoami.kind")).isEqualTo("SERVICE_ACCOUNT");
    assertThat(answer.getList("data.whoami.groups"))
        .containsExactlyInAnyOrder("system:serviceaccounts", "system:serviceaccounts:team-a");
  }

  @Test
  void theSameTokenIsAcceptedOnEveryCall() {
    String token = OidcTokens.issue("RS256", OidcTokens.claims("carol"));

    for (int call = 0; call < 3; call++) {
      assertThat(whoami(token).getString("data.whoami.subject")).isEqualTo("carol");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "expired",
        "not yet valid",
        "wrong audience",
        "wrong issuer",
        "bad signature",
        "unknown kid",
        "alg none",
        "tampered claims",
        "no subject",
        "not a JWT"
      })
  void anInvalidTokenIsRefusedWithoutDetail(String kind) {
    String token = invalidToken(kind);

    JsonPath answer =
        given()
            .contentType(ContentType.JSON)
            .header("Authorization", "Bearer " + token)
            .body(Map.of("query", WHOAMI))
            .post("/graphql")
            .then()
            .statusCode(401)
            .header("WWW-Authenticate", "Bearer")
            .extract()
            .jsonPath();

    assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
    assertThat(answer.getString("errors[0].message"))
        .isEqualTo(kind.equals("expired") ? EXPIRED : NOT_VALID);
    assertThat(answer.getString("data")).isNull();
  }

  @Test
  void grpcCallersPresentTheSameTokens() {
    String name = Names.unique("oidc-grpc");
    Map<String, Object> expired = OidcTokens.claims("alice@example.com");
    expired.put("exp", Instant.now().getEpochSecond() - 600);

    String expiredMessage =
        Grpc.failure(
            Status.Code.UNAUTHENTICATED,
            () -> withToken(OidcTokens.issue("RS256", expired)).createWorkspace(workspace(name)));
    String forgedMessage =
        Grpc.failure(
            Status.Code.UNAUTHENTICATED,
            () -> withToken(invalidToken("bad signature")).createWorkspace(workspace(name)));

    assertThat(expiredMessage).isEqualTo(EXPIRED);
    assertThat(forgedMessage).isEqualTo(NOT_VALID);
    assertThat(
            withToken(OidcTokens.issue("RS256", OidcTokens.claims("alice@example.com")))
                .createWorkspace(workspace(name))
                .getName())
        .isEqualTo(name);
    String serviceAccount =
        OidcTokens.issue("ES256", OidcTokens.claims("system:serviceaccount:a:b"));
    assertThat(
            withToken(serviceAccount)
                .createWorkspace(workspace(Names.unique("oidc-grpc-sa")))
                .getName())
        .startsWith("oidc-grpc-sa");
  }

  @Test
  void aBearerValueInTheApiTokenFormatIsCheckedAsAnApiTokenNotAsAJwt() {
    assertThat(refusal("Bearer mlm_0123456789_secret"))
        .isEqualTo("the API token is not valid (unknown, revoked or expired)");
  }

  @Test
  void onlyBearerCredentialsAreAccepted() {
    assertThat(refusal("Basic YWxpY2U6c2VjcmV0")).startsWith("only bearer tokens are accepted");
    assertThat(refusal("Bearer "))
        .isEqualTo("the Authorization header carries an empty bearer token");
  }

  /**
   * The trusted gateway's headers decide who calls; Kubeflow's gateway forwards the user's token
   * alongside them, which is not verified again.
   */
  @Test
  void theTrustedGatewaysHeadersWinOverATokenItForwards() {
    JsonPath answer =
        given()
            .contentType(ContentType.JSON)
            .header("kubeflow-userid", "dave@example.com")
            .header("Authorization", "Bearer " + invalidToken("expired"))
            .body(Map.of("query", WHOAMI))
            .post("/graphql")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(answer.getString("data.whoami.subject")).isEqualTo("dave@example.com");
  }

  private static String invalidToken(String kind) {
    long now = Instant.now().getEpochSecond();
    Map<String, Object> claims = OidcTokens.claims("mallory");
    switch (kind) {
      case "expired" -> {
        claims.put("iat", now - 900);
        claims.put("nbf", now - 900);
        claims.put("exp", now - 600);
      }
      case "not yet valid" -> {
        claims.put("nbf", now + 600);
        claims.put("exp", now + 900);
      }
      case "wrong audience" -> claims.put("aud", "another-service");
      case "wrong issuer" -> claims.put("iss", "https://issuer.example.com");
      case "bad signature" -> {
        KeyPair stranger = Jws.keyPair("RS256");
        return Jws.sign("RS256", OidcIssuerResource.RSA_KID, stranger.getPrivate(), claims);
      }
      case "unknown kid" -> {
        KeyPair stranger = Jws.keyPair("ES256");
        return Jws.sign("ES256", "ec-unknown", stranger.getPrivate(), claims);
      }
      case "alg none" -> {
        return Jws.unsigned(claims);
      }
      case "tampered claims" -> {
        String[] parts = OidcTokens.issue("RS256", claims).split("\\.");
        claims.put("sub", "admin");
        String payload =
            Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Jws.json(claims).getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
      }
      case "no subject" -> claims.remove("sub");
      case "not a JWT" -> {
        return "garbage";
      }
      default -> throw new IllegalArgumentException(kind);
    }
    return OidcTokens.issue("RS256", claims);
  }

  private static JsonPath whoami(String token) {
    return given()
        .contentType(ContentType.JSON)
        .header("Authorization", "Bearer " + token)
        .body(Map.of("query", WHOAMI))
        .post("/graphql")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static String refusal(String authorization) {
    return given()
        .contentType(ContentType.JSON)
        .header("Authorization", authorization)
        .body(Map.of("query", WHOAMI))
        .post("/graphql")
        .then()
        .statusCode(401)
        .extract()
        .jsonPath()
        .getString("errors[0].message");
  }

  private static MetadataServiceGrpc.MetadataServiceBlockingStub withToken(String token) {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return Grpc.stub().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static CreateWorkspaceRequest workspace(String name) {
    return CreateWorkspaceRequest.newBuilder().setName(name).build();
  }
}

package io.mlmeta.server.api.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.mlmeta.proto.v1.CreateWorkspaceRequest;
import io.mlmeta.proto.v1.MetadataServiceGrpc;
import io.mlmeta.server.support.GraphQl;
import io.mlmeta.server.support.Grpc;
import io.mlmeta.server.support.Names;
import io.mlmeta.server.support.Neo4jResource;
import io.mlmeta.server.support.OidcIssuerResource;
import io.mlmeta.server.support.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who the server takes a caller to be (issue 13). The test server listens on loopback, so callers
 * without identity are anonymous; its configuration trusts 127.0.0.1 and ::1 as the gateway, and
 * requests sent from 127.0.0.2 stand for any other machine.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(Neo4jResource.class)
@QuarkusTestResource(OidcIssuerResource.class)
class CallerIdentityTest {

  private static final String WHOAMI = "{ whoami { subject groups kind } }";

  @Test
  void aCallerWithoutIdentityOnLoopbackIsAnonymous() {
    JsonPath answer = GraphQl.post(WHOAMI);

    assertThat(answer.getString("data.whoami.subject")).isEqualTo("anonymous");
    assertThat(answer.getString("data.whoami.kind")).isEqualTo("ANONYMOUS");
    assertThat(answer.getList("data.whoami.groups")).isEmpty();
  }

  @Test
  void theTrustedGatewayNamesTheUserAndGroups() {
    JsonPath answer =
        given()
            .contentType(ContentType.JSON)
            .header("kubeflow-userid", "alice@example.com")
            .header("kubeflow-groups", "team-b, team-a,,")
            .body(Map.of("query", WHOAMI))
            .post("/graphql")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(answer.getString("data.whoami.subject")).isEqualTo("alice@example.com");
    assertThat(answer.getString("data.whoami.kind")).isEqualTo("USER");
    assertThat(answer.getList("data.whoami.groups")).containsExactly("team-a", "team-b");
  }

  @Test
  void identityHeadersFromAnotherAddressAreRefusedAndChangeNothing() throws IOException {
    String name = Names.unique("spoofed");
    String mutation =
        "{\"query\":\"mutation { createWorkspace(name: \\\"" + name + "\\\") { name } }\"}";

    RawResponse response = postFrom("127.0.0.2", mutation, "kubeflow-userid: admin");

    assertThat(response.status()).isEqualTo(401);
    JsonPath body = JsonPath.from(response.body());
    assertThat(body.getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
    assertThat(body.getString("errors[0].message"))
        .isEqualTo(
            "the kubeflow-userid and kubeflow-groups headers are accepted only from trusted"
                + " proxies");
    assertThat(
            GraphQl.post("{ workspace(name: \"" + name + "\") { name } }")
                .getString("data.workspace"))
        .isNull();
  }

  @Test
  void withoutHeadersAnotherLocalAddressIsStillAnonymous() throws IOException {
    RawResponse response = postFrom("127.0.0.2", "{\"query\":\"" + WHOAMI + "\"}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(JsonPath.from(response.body()).getString("data.whoami.kind")).isEqualTo("ANONYMOUS");
  }

  @Test
  void aCredentialTheServerCannotVerifyIsRefusedNotIgnored() {
    JsonPath answer =
        given()
            .contentType(ContentType.JSON)
            .header("Authorization", "Bearer garbage")
            .body(Map.of("query", WHOAMI))
            .post("/graphql")
            .then()
            .statusCode(401)
            .header("WWW-Authenticate", "Bearer")
            .extract()
            .jsonPath();

    assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
    assertThat(answer.getString("data")).isNull();
  }

  @Test
  void grpcCallersAreIdentifiedTheSameWay() {
    Metadata bearer = new Metadata();
    bearer.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer x");
    MetadataServiceGrpc.MetadataServiceBlockingStub refused =
        Grpc.stub().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer));
    String name = Names.unique("grpc-refused");

    String message =
        Grpc.failure(
            Status.Code.UNAUTHENTICATED,
            () ->
                refused.createWorkspace(CreateWorkspaceRequest.newBuilder().setName(name).build()));

    assertThat(message).isEqualTo("the bearer token is not valid for this server");
    Metadata gateway = new Metadata();
    gateway.put(
        Metadata.Key.of("kubeflow-userid", Metadata.ASCII_STRING_MARSHALLER), "bob@example.com");
    assertThat(
            Grpc.stub()
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(gateway))
                .createWorkspace(CreateWorkspaceRequest.newBuilder().setName(name).build())
                .getName())
        .isEqualTo(name);
  }

  @Test
  void probesNeedNoCallerButNothingElseRidesOnThem() throws Exception {
    assertThat(CallerAuthentication.isProbe("/q/health")).isTrue();
    assertThat(CallerAuthentication.isProbe("/q/health/ready")).isTrue();
    assertThat(CallerAuthentication.isProbe("/q/metrics")).isTrue();
    assertThat(CallerAuthentication.isProbe("/q/healthy")).isFalse();
    assertThat(CallerAuthentication.isProbe("/graphql")).isFalse();
    assertThat(CallerAuthentication.isProbe(null)).isFalse();
    // A credential that is refused everywhere else is not even read on a probe.
    given().header("Authorization", "Bearer garbage").get("/q/health/live").then().statusCode(200);
    HttpResponse<String> dotted =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + RestAssured.port + "/q/health/../../graphql"))
                    .header("Authorization", "Bearer garbage")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + WHOAMI + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(dotted.statusCode()).as(dotted.body()).isEqualTo(401);
  }

  @Test
  void theServerRefusesToServeTheNetworkWithNobodyIdentified() {
    assertThat(CallerAuthentication.refusalAtStart("0.0.0.0", false, false, false))
        .startsWith("listening on 0.0.0.0 with no way to identify callers")
        .contains("MLMETA_SECURITY_OIDC_ISSUER", "MLMETA_SECURITY_INSECURE_ANONYMOUS");
    assertThat(CallerAuthentication.refusalAtStart("0.0.0.0", true, false, false)).isNull();
    assertThat(CallerAuthentication.refusalAtStart("0.0.0.0", false, true, false)).isNull();
    assertThat(CallerAuthentication.refusalAtStart("0.0.0.0", false, false, true)).isNull();
    assertThat(CallerAuthentication.refusalAtStart("127.0.0.1", false, false, false)).isNull();
  }

  @Test
  void anOidcIssuerWithoutAnAudienceIsRefusedAtStart() {
    assertThat(CallerAuthentication.oidcRefusalAtStart("https://issuer.example", List.of()))
        .contains("MLMETA_SECURITY_OIDC_AUDIENCE");
    assertThat(CallerAuthentication.oidcRefusalAtStart("https://issuer.example", List.of("mlmeta")))
        .isNull();
    assertThat(CallerAuthentication.oidcRefusalAtStart(null, List.of())).isNull();
  }

  private record RawResponse(int status, String body) {}

  /** An HTTP/1.1 POST to /graphql from a chosen local source address. */
  private static RawResponse postFrom(String source, String json, String... headers)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5000);
      socket.setSoTimeout(10_000);
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      StringBuilder request =
          new StringBuilder("POST /graphql HTTP/1.1\r\n")
              .append("Host: localhost:")
              .append(RestAssured.port)
              .append("\r\nContent-Type: application/json\r\nConnection: close\r\n")
              .append("Content-Length: ")
              .append(body.length)
              .append("\r\n");
      for (String header : headers) {
        request.append(header).append("\r\n");
      }
      request.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String response = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
      int status = Integer.parseInt(response.substring(9, 12));
      int bodyStart = response.indexOf("\r\n\r\n") + 4;
      return new RawResponse(status, dechunked(response, bodyStart));
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    return all.toByteArray();
  }

  /** The body, joined from its chunks when the response was chunked. */
  private static String dechunked(String response, int bodyStart) {
    String head = response.substring(0, bodyStart).toLowerCase(java.util.Locale.ROOT);
    String body = response.substring(bodyStart);
    if (!head.contains("transfer-encoding: chunked")) {
      return body;
    }
    StringBuilder joined = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = body.indexOf("\r\n", at);
      int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
      if (size == 0) {
        return joined.toString();
      }
      joined.append(body, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }
}

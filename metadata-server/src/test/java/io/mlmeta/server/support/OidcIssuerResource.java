package io.mlmeta.server.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;

/**
 * An OpenID Connect issuer for the test JVM, on a loopback port of its own: its discovery document
 * and JWKS (an RSA key {@value #RSA_KID} and an EC P-256 key {@value #EC_KID}) over HTTP, as an
 * identity provider or a Kubernetes API server publishes them. It also signs any claims POSTed to
 * {@code /sign?alg=RS256|ES256} with its own key, standing in for the token endpoint of a real
 * provider. Tests run in another class loader than this resource, so they reach it only over HTTP
 * ({@link OidcTokens}).
 */
public class OidcIssuerResource implements QuarkusTestResourceLifecycleManager {

  /** The audience the test server requires. */
  public static final String AUDIENCE = "mlmeta-test";

  public static final String RSA_KID = "rsa-1";
  public static final String EC_KID = "ec-1";

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    KeyPair rsa = Jws.keyPair("RS256");
    KeyPair ec = Jws.keyPair("ES256");
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the test OIDC issuer", e);
    }
    String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
    String discovery =
        Jws.json(
            Map.of(
                "issuer", issuer,
                "jwks_uri", issuer + "/jwks",
                "response_types_supported", List.of("id_token"),
                "subject_types_supported", List.of("public"),
                "id_token_signing_alg_values_supported", List.of("RS256", "ES256")));
    String jwks =
        Jws.json(
            Map.of(
                "keys",
                List.of(
                    Jws.jwk("RS256", RSA_KID, rsa.getPublic()),
                    Jws.jwk("ES256", EC_KID, ec.getPublic()))));
    server.createContext(
        "/.well-known/openid-configuration", exchange -> answer(exchange, 200, discovery));
    server.createContext("/jwks", exchange -> answer(exchange, 200, jwks));
    server.createContext(
        "/sign",
        exchange -> {
          String query = String.valueOf(exchange.getRequestURI().getQuery());
          Map<String, Object> claims = Jws.parse(exchange.getRequestBody().readAllBytes());
          String token =
              query.equals("alg=ES256")
                  ? Jws.sign("ES256", EC_KID, ec.getPrivate(), claims)
                  : Jws.sign("RS256", RSA_KID, rsa.getPrivate(), claims);
          answer(exchange, 200, token);
        });
    server.start();
    return Map.of(
        "mlmeta.security.oidc.issuer", issuer,
        "mlmeta.security.oidc.audience", AUDIENCE);
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}

package io.mlmeta.server.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** Tokens for the test server: issued by {@link OidcIssuerResource}, or forged by the test. */
public final class OidcTokens {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private OidcTokens() {}

  /** The issuer the test server trusts. */
  public static String issuer() {
    return ConfigProvider.getConfig().getValue("mlmeta.security.oidc.issuer", String.class);
  }

  /** Claims of a token valid for five minutes, for the test server's audience. */
  public static Map<String, Object> claims(String subject) {
    long now = Instant.now().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer());
    claims.put("aud", OidcIssuerResource.AUDIENCE);
    claims.put("sub", subject);
    claims.put("iat", now);
    claims.put("nbf", now);
    claims.put("exp", now + 300);
    return claims;
  }

  /** {@code claims} signed by the test issuer under {@code alg} (RS256 or ES256). */
  public static String issue(String alg, Map<String, ?> claims) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(issuer() + "/sign?alg=" + alg))
            .POST(HttpRequest.BodyPublishers.ofString(Jws.json(claims)))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("the test issuer answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach the test issuer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

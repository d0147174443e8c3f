package io.mlmeta.server.api.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What the HTTP-level checks share: reading a request's media type and refusing it. */
final class HttpRefusals {

  private HttpRefusals() {}

  /** The request's media type, lower case and without parameters; empty when there is none. */
  static String mediaType(HttpServerRequest request) {
    String contentType = request.getHeader("Content-Type");
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  /**
   * Ends the request with {@code status} and a GraphQL-shaped error body, so GraphQL clients read
   * it like any other error; {@code code} becomes {@code extensions.code} when given.
   */
  static void refuse(RoutingContext context, int status, String message, @Nullable String code) {
    JsonObject error = new JsonObject().put("message", message);
    if (code != null) {
      error.put("extensions", new JsonObject().put("code", code));
    }
    context
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
  }
}

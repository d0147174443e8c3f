package io.mlmeta.server.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;

/**
 * Checks the envelope of a GraphQL-over-HTTP POST before the GraphQL engine sees it, as the
 * GraphQL-over-HTTP spec asks: a JSON object whose {@code query} is a string, {@code variables} and
 * {@code extensions} objects and {@code operationName} a string (each may be absent or null).
 * Anything else is a 400 naming the member, where the engine would fail with a 500.
 */
@ApplicationScoped
public class GraphQlRequestShape {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

  void install(@Observes Router router) {
    router
        .post("/graphql")
        .order(-800)
        .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
        .handler(this::check);
  }

  private void check(RoutingContext context) {
    String contentType = String.valueOf(context.request().getHeader("Content-Type"));
    if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      context.next();
      return;
    }
    String problem =
        problem(context.body().buffer() == null ? new byte[0] : context.body().buffer().getBytes());
    if (problem == null) {
      context.next();
      return;
    }
    context
        .response()
        .setStatusCode(400)
        .putHeader("Content-Type", "application/json")
        .end(
            new JsonObject()
                .put(
                    "errors",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("message", problem)
                                .put(
                                    "extensions",
                                    new JsonObject().put("code", "INVALID_ARGUMENT"))))
                .encode());
  }

  /** What is wrong with the request body, or null when its shape is right. */
  static String problem(byte[] body) {
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return "the request body is not valid JSON";
    } catch (java.io.IOException e) {
      return "the request body cannot be read";
    }
    if (request == null || !request.isObject()) {
      return "the request body must be a JSON object with a query";
    }
    JsonNode query = request.get("query");
    if (query == null || !query.isTextual()) {
      return "query: must be a string holding a GraphQL document";
    }
    if (!absentOr(request.get("variables"), JsonNode::isObject)) {
      return "variables: must be an object (or null)";
    }
    if (!absentOr(request.get("operationName"), JsonNode::isTextual)) {
      return "operationName: must be a string (or null)";
    }
    if (!absentOr(request.get("extensions"), JsonNode::isObject)) {
      return "extensions: must be an object (or null)";
    }
    return null;
  }

  private static boolean absentOr(JsonNode value, java.util.function.Predicate<JsonNode> valid) {
    return value == null || value.isNull() || valid.test(value);
  }
}

package io.mlmeta.server.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jspecify.annotations.Nullable;

/**
 * Checks the envelope of a GraphQL-over-HTTP POST before the GraphQL engine sees it, as the
 * GraphQL-over-HTTP spec asks: a JSON object whose {@code query} is a string, {@code variables} and
 * {@code extensions} objects and {@code operationName} a string (each may be absent or null).
 * Anything else is a 400 naming the member, where the engine would fail with a 500. The check reads
 * the body's top-level tokens only and builds no tree, since the engine parses the body anyway.
 */
@ApplicationScoped
public class GraphQlRequestShape {

  private static final JsonFactory JSON = new JsonFactory();
  private static final String NOT_JSON = "the request body is not valid JSON";

  private final long maxBodyBytes;

  GraphQlRequestShape(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
    this.maxBodyBytes = maxBodySize.asLongValue();
  }

  void install(@Observes Router router) {
    router
        .post("/graphql")
        .order(-800)
        .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(this::check);
  }

  private void check(RoutingContext context) {
    // The browser guard has let through only application/json and application/graphql.
    if (!HttpRefusals.mediaType(context.request()).equals("application/json")) {
      context.next();
      return;
    }
    var body = context.body().buffer();
    String problem = problem(body == null ? new byte[0] : body.getBytes());
    if (problem == null) {
      context.next();
      return;
    }
    HttpRefusals.refuse(context, 400, problem, "INVALID_ARGUMENT");
  }

  /** What is wrong with the request body, or null when its shape is right. */
  static @Nullable String problem(byte[] body) {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return "the request body must be a JSON object with a query";
      }
      boolean query = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String member = parser.currentName();
        String problem = problem(member, parser.nextToken());
        if (problem != null) {
          return problem;
        }
        query |= member.equals("query");
        parser.skipChildren();
      }
      if (parser.nextToken() != null) {
        return NOT_JSON;
      }
      return query ? null : problem("query", JsonToken.VALUE_NULL);
    } catch (IOException e) {
      return NOT_JSON;
    }
  }

  private static @Nullable String problem(String member, JsonToken value) {
    boolean isNull = value == JsonToken.VALUE_NULL;
    return switch (member) {
      case "query" ->
          value == JsonToken.VALUE_STRING
              ? null
              : "query: must be a string holding a GraphQL document";
      case "variables", "extensions" ->
          isNull || value == JsonToken.START_OBJECT
              ? null
              : member + ": must be an object (or null)";
      case "operationName" ->
          isNull || value == JsonToken.VALUE_STRING
              ? null
              : "operationName: must be a string (or null)";
      default -> null;
    };
  }
}

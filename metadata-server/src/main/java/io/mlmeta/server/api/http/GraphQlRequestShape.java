package io.mlmeta.server.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
 * Anything else is a 400 naming the member, where the engine would fail with a 500, and so is a
 * body nested deeper than {@value #MAX_NESTING} levels. The check streams the body's tokens and
 * builds no tree, since the engine parses the body anyway.
 */
@ApplicationScoped
public class GraphQlRequestShape {

  /**
   * Deepest nesting a request body may have. Real variables nest a few levels (a recorded
   * execution's inputs, their new artifacts, their labels); a body nested thousands deep cost the
   * engine about a second of CPU per 20 KB before it failed.
   */
  static final int MAX_NESTING = 32;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
          .build();
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
        JsonToken value = parser.nextToken();
        String problem = problem(member, value);
        if (problem == null && member.equals("query") && value == JsonToken.VALUE_STRING) {
          problem = sourceProblem(parser.getText());
        }
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
    } catch (StreamConstraintsException e) {
      return "the request body nests deeper than " + MAX_NESTING + " levels";
    } catch (IOException e) {
      return NOT_JSON;
    }
  }

  /**
   * A character no GraphQL document may hold (control characters other than tab and line ends, or
   * half a surrogate pair), which the engine would report as an unclassified failure.
   */
  private static @Nullable String sourceProblem(String document) {
    for (int i = 0; i < document.length(); i++) {
      char c = document.charAt(i);
      boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
      boolean halfPair =
          Character.isHighSurrogate(c)
              ? i + 1 == document.length() || !Character.isLowSurrogate(document.charAt(i + 1))
              : Character.isLowSurrogate(c)
                  && (i == 0 || !Character.isHighSurrogate(document.charAt(i - 1)));
      if (control || halfPair) {
        return String.format(
            "query: holds U+%04X at offset %d, which a GraphQL document may not hold", (int) c, i);
      }
    }
    return null;
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

package io.mlmeta.server.api.graphql.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import org.jspecify.annotations.Nullable;

/** GraphQL carries free-form properties as JSON text; this converts both ways. */
public final class Json {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Json() {}

  public static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise properties", e);
    }
  }

  /** Parses a JSON object given in {@code field}; null stays null. */
  public static @Nullable ObjectNode object(String field, @Nullable String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (StreamConstraintsException e) {
      throw new InvalidArgumentException(field, "is JSON nested too deeply or too large");
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new InvalidArgumentException(field, "is not valid JSON" + where);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new InvalidArgumentException(field, "must be a JSON object");
    }
    return object;
  }

  /** Parses an id given as a GraphQL ID. */
  public static long id(String field, String id) {
    try {
      long value = Long.parseLong(id);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException | NullPointerException e) {
      // reported below
    }
    throw new InvalidArgumentException(field, "is not an mlmeta id: '" + id + "'");
  }
}

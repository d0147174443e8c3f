package io.mlmeta.server.store.jpa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Converts JSONB column text to and from domain values. */
final class JsonColumns {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> LABELS = new TypeReference<>() {};

  private JsonColumns() {}

  static String write(@Nullable Object value) {
    try {
      return JSON.writeValueAsString(value == null ? Map.of() : value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value is not serialisable as JSON", e);
    }
  }

  static ObjectNode object(@Nullable String json) {
    try {
      return json == null ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable", e);
    }
  }

  static Map<String, String> labels(@Nullable String json) {
    try {
      return json == null ? Map.of() : JSON.readValue(json, LABELS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored labels are unreadable", e);
    }
  }
}

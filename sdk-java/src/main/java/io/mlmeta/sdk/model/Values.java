package io.mlmeta.sdk.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Immutable copies of the free-form values held by records. */
final class Values {

  private Values() {}

  static Map<String, String> labels(@Nullable Map<String, String> labels) {
    return labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  static Map<String, Double> numbers(@Nullable Map<String, Double> values) {
    return values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** A deep immutable copy of a JSON-like map (nested maps and lists are copied too). */
  static Map<String, Object> document(@Nullable Map<String, ?> document) {
    if (document == null) {
      return Map.of();
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    document.forEach((key, value) -> copy.put(key, value(value)));
    return Collections.unmodifiableMap(copy);
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Object value(@Nullable Object value) {
    if (value instanceof Map<?, ?> map) {
      return document((Map<String, ?>) map);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(value(item)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }
}

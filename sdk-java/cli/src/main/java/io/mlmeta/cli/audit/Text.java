package io.mlmeta.cli.audit;

import io.mlmeta.cli.output.Json;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Cell texts shared by the renderers. */
final class Text {

  private Text() {}

  /** A value as one line of text: empty for null, compact sorted JSON for documents. */
  static String of(@Nullable Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Map<?, ?> map) {
      return map.isEmpty() ? "" : Json.compact(map);
    }
    if (value instanceof Instant instant) {
      return instant.toString();
    }
    return value.toString().replace("\r", " ").replace("\n", " ");
  }
}

package io.mlmeta.cli.output;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small JSON writer with one output for one input: maps keep the order they are given (use {@link
 * #sorted(Map)} for free-form documents), numbers print as Java prints them, instants as ISO-8601
 * UTC text, enums as their names. Pretty output indents by two spaces and ends without a newline.
 */
public final class Json {

  private Json() {}

  /** Indented JSON of a JSON-like value. */
  public static String pretty(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, 0, true);
    return out.toString();
  }

  /** One-line JSON of a JSON-like value, with sorted object keys (for table cells). */
  public static String compact(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, sortedValue(value), 0, false);
    return out.toString();
  }

  /** A deep copy of a free-form document with every object's keys sorted. */
  public static Map<String, Object> sorted(Map<String, ?> document) {
    Map<String, Object> sorted = new TreeMap<>();
    document.forEach((k, v) -> sorted.put(k, sortedValue(v)));
    return sorted;
  }

  /** A JSON string literal, quotes included. */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  @SuppressWarnings("unchecked")
  private static Object sortedValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return sorted((Map<String, ?>) map);
    }
    if (value instanceof Collection<?> items) {
      return items.stream().map(Json::sortedValue).toList();
    }
    return value;
  }

  private static void write(StringBuilder out, Object value, int depth, boolean pretty) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean b) {
      out.append(b);
    } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
      out.append(quote(d.toString()));
    } else if (value instanceof Float f && (f.isNaN() || f.isInfinite())) {
      out.append(quote(f.toString()));
    } else if (value instanceof Number n) {
      out.append(n);
    } else if (value instanceof Map<?, ?> map) {
      writeObject(out, map, depth, pretty);
    } else if (value instanceof Collection<?> items) {
      writeArray(out, items, depth, pretty);
    } else if (value instanceof Enum<?> e) {
      out.append(quote(e.name()));
    } else if (value instanceof Instant instant) {
      out.append(quote(instant.toString()));
    } else {
      out.append(quote(value.toString()));
    }
  }

  private static void writeObject(StringBuilder out, Map<?, ?> map, int depth, boolean pretty) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      newline(out, depth + 1, pretty);
      out.append(quote(String.valueOf(entry.getKey()))).append(pretty ? ": " : ":");
      write(out, entry.getValue(), depth + 1, pretty);
    }
    newline(out, depth, pretty);
    out.append('}');
  }

  private static void writeArray(
      StringBuilder out, Collection<?> items, int depth, boolean pretty) {
    if (items.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    boolean first = true;
    for (Object item : items) {
      if (!first) {
        out.append(',');
      }
      first = false;
      newline(out, depth + 1, pretty);
      write(out, item, depth + 1, pretty);
    }
    newline(out, depth, pretty);
    out.append(']');
  }

  private static void newline(StringBuilder out, int depth, boolean pretty) {
    if (pretty) {
      out.append('\n').append("  ".repeat(depth));
    }
  }
}

package io.mlmeta.server.service.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks on request fields shared by every use case. Each failure names its field. */
public final class Inputs {

  public static final int MAX_NAME_LENGTH = 256;
  public static final int MAX_TEXT_LENGTH = 4096;
  public static final int MAX_LABELS = 64;
  public static final int MAX_PAGE_SIZE = 1000;
  public static final int DEFAULT_PAGE_SIZE = 100;

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private Inputs() {}

  /**
   * A workspace or type name: letters, digits, '.', '_' and '-', starting with a letter or digit.
   */
  public static String identifier(String field, @Nullable String value) {
    String present = required(field, value);
    if (!IDENTIFIER.matcher(present).matches()) {
      throw new InvalidArgumentException(
          field,
          "must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit; got '"
              + abbreviate(present)
              + "'");
    }
    return present;
  }

  /** A free-form name (execution, context): not blank, at most 256 characters. */
  public static String name(String field, @Nullable String value) {
    String present = required(field, value);
    return maxLength(field, present, MAX_NAME_LENGTH);
  }

  public static String required(String field, @Nullable String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidArgumentException(field, "is required");
    }
    return storable(field, value);
  }

  public static long requiredId(String field, @Nullable Long value) {
    if (value == null || value <= 0) {
      throw new InvalidArgumentException(field, "is required (a positive id)");
    }
    return value;
  }

  public static String optionalText(String field, @Nullable String value) {
    return value == null ? "" : maxLength(field, storable(field, value), MAX_TEXT_LENGTH);
  }

  /**
   * Text PostgreSQL can store as given: no NUL character (it refuses them) and no unpaired UTF-16
   * surrogate (it would be stored as '?', silently changing the value).
   */
  public static String storable(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\0') {
        throw new InvalidArgumentException(
            field, "must not contain NUL characters (at index " + i + ")");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidArgumentException(
            field, "must be valid Unicode: unpaired surrogate at index " + i);
      }
    }
    return value;
  }

  /** Empty strings mean "not given" (proto3 defaults), so an external id of "" is no id at all. */
  public static @Nullable String externalId(String field, @Nullable String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.isBlank()) {
      throw new InvalidArgumentException(field, "must not be blank");
    }
    return maxLength(field, storable(field, value), MAX_NAME_LENGTH);
  }

  public static Map<String, String> labels(String field, @Nullable Map<String, String> labels) {
    if (labels == null) {
      return Map.of();
    }
    if (labels.size() > MAX_LABELS) {
      throw new InvalidArgumentException(field, "at most " + MAX_LABELS + " labels are allowed");
    }
    labels.forEach(
        (key, value) -> {
          if (key == null || key.isBlank()) {
            throw new InvalidArgumentException(field, "label keys must not be blank");
          }
          maxLength(field + "." + key, storable(field, key), MAX_NAME_LENGTH);
          maxLength(
              field + "." + key,
              storable(field + "." + key, value == null ? "" : value),
              MAX_TEXT_LENGTH);
        });
    return Map.copyOf(labels);
  }

  /** Guards the store against oversized JSON documents. */
  public static ObjectNode document(String field, @Nullable ObjectNode value, int maxBytes) {
    ObjectNode present = value == null ? JSON.createObjectNode() : value;
    storableJson(field, present, 0);
    int size;
    try {
      size = JSON.writeValueAsString(present).getBytes(StandardCharsets.UTF_8).length;
    } catch (JsonProcessingException e) {
      throw new InvalidArgumentException(field, "is not serialisable JSON");
    }
    if (size > maxBytes) {
      throw new InvalidArgumentException(
          field, "is " + size + " bytes of JSON; the limit is " + maxBytes);
    }
    return present;
  }

  /**
   * Checks the values of a list filter before they reach a query: every text storable, the
   * containment document bounded and storable. Errors name {@code filter.<field>}.
   */
  public static void filter(
      Map<String, String> texts,
      @Nullable Map<String, String> labels,
      @Nullable ObjectNode propertiesContain) {
    texts.forEach(
        (name, value) -> {
          if (value != null) {
            storable("filter." + name, value);
          }
        });
    if (labels != null) {
      labels.forEach(
          (key, value) -> {
            storable("filter.labels", key);
            if (value != null) {
              storable("filter.labels." + key, value);
            }
          });
    }
    if (propertiesContain != null) {
      storableJson("filter.properties_contain", propertiesContain, 0);
    }
  }

  /** Field names and their values (which may be null), for {@link #filter}. */
  public static Map<String, String> texts(@Nullable String... namesAndValues) {
    Map<String, String> texts = new java.util.LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      texts.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return texts;
  }

  /** Deepest nesting accepted in a properties document. */
  public static final int MAX_JSON_DEPTH = 64;

  /** Every key and string storable, every number finite, nesting bounded; errors name the path. */
  private static void storableJson(String path, JsonNode node, int depth) {
    if (depth > MAX_JSON_DEPTH) {
      throw new InvalidArgumentException(
          path, "nests deeper than " + MAX_JSON_DEPTH + " levels of objects and arrays");
    }
    if (node.isTextual()) {
      storable(path, node.textValue());
    } else if (node.isNumber()
        && !Double.isFinite(node.doubleValue())
        && !node.isIntegralNumber()) {
      throw new InvalidArgumentException(path, "must be a finite number");
    } else if (node.isObject()) {
      var fields = node.fields();
      while (fields.hasNext()) {
        var entry = fields.next();
        String child = path + "." + entry.getKey();
        storable(path, entry.getKey());
        storableJson(child, entry.getValue(), depth + 1);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        storableJson(path + "[" + i + "]", node.get(i), depth + 1);
      }
    }
  }

  public static int pageSize(int requested) {
    if (requested == 0) {
      return DEFAULT_PAGE_SIZE;
    }
    if (requested < 0 || requested > MAX_PAGE_SIZE) {
      throw new InvalidArgumentException(
          "page_size", "must be between 1 and " + MAX_PAGE_SIZE + "; got " + requested);
    }
    return requested;
  }

  private static String maxLength(String field, String value, int max) {
    if (value.length() > max) {
      throw new InvalidArgumentException(
          field, "is " + value.length() + " characters long; the limit is " + max);
    }
    return value;
  }

  private static String abbreviate(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "..." : value;
  }
}

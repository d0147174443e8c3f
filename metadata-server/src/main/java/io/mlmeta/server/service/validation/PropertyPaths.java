package io.mlmeta.server.service.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Dotted paths into properties, such as {@code values.accuracy} or {@code parameters.lr}. */
public final class PropertyPaths {

  private static final Pattern PATH =
      Pattern.compile("[A-Za-z0-9_-]{1,128}(\\.[A-Za-z0-9_-]{1,128}){0,7}");

  private PropertyPaths() {}

  public static String check(String field, @Nullable String path) {
    if (path == null || !PATH.matcher(path).matches()) {
      throw new InvalidArgumentException(
          field,
          "must be a dotted property path such as values.accuracy (letters, digits, '_', '-';"
              + " at most 8 segments); got '"
              + path
              + "'");
    }
    return path;
  }

  /** The number at {@code path}, or null when there is none. */
  public static @Nullable BigDecimal number(ObjectNode properties, String path) {
    JsonNode node = properties;
    for (String segment : path.split("\\.")) {
      node = node == null ? null : node.get(segment);
    }
    return node != null && node.isNumber() ? node.decimalValue() : null;
  }
}

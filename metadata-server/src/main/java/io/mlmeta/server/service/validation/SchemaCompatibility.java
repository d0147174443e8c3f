package io.mlmeta.server.service.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a type's properties schema may evolve from one version to the next. Data written
 * under the old schema must stay valid under the new one, so the only changes allowed are adding
 * optional properties, making required properties optional, allowing additional properties, and
 * editing descriptions.
 */
public final class SchemaCompatibility {

  private SchemaCompatibility() {}

  /** Returns the reasons the change is incompatible; empty when it is compatible. */
  public static List<String> problems(ObjectNode current, ObjectNode proposed) {
    List<String> problems = new ArrayList<>();
    ObjectNode currentProperties = objectOrEmpty(current.get("properties"));
    ObjectNode proposedProperties = objectOrEmpty(proposed.get("properties"));
    Iterator<Map.Entry<String, JsonNode>> fields = currentProperties.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode replacement = proposedProperties.get(field.getKey());
      if (replacement == null) {
        problems.add("property '" + field.getKey() + "' was removed");
      } else if (!withoutDescriptions(field.getValue()).equals(withoutDescriptions(replacement))) {
        problems.add("property '" + field.getKey() + "' changed its definition");
      }
    }
    Set<String> currentRequired = strings(current.get("required"));
    for (String required : strings(proposed.get("required"))) {
      if (!currentRequired.contains(required)) {
        problems.add("property '" + required + "' became required");
      }
    }
    if (allowsAdditional(current) && !allowsAdditional(proposed)) {
      problems.add("additionalProperties may not be narrowed");
    }
    JsonNode currentType = current.get("type");
    if (currentType != null && !currentType.equals(proposed.get("type"))) {
      problems.add("the schema's type changed");
    }
    return problems;
  }

  private static boolean allowsAdditional(ObjectNode schema) {
    JsonNode additional = schema.get("additionalProperties");
    return additional == null || (additional.isBoolean() && additional.booleanValue());
  }

  private static ObjectNode objectOrEmpty(@Nullable JsonNode node) {
    return node instanceof ObjectNode object ? object : ObjectNode.class.cast(emptyObject());
  }

  private static JsonNode emptyObject() {
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
  }

  private static Set<String> strings(@Nullable JsonNode array) {
    Set<String> result = new HashSet<>();
    if (array != null && array.isArray()) {
      array.forEach(item -> result.add(item.asText()));
    }
    return result;
  }

  /** Descriptions are documentation: changing them never breaks stored data. */
  private static JsonNode withoutDescriptions(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = node.deepCopy();
      copy.remove("description");
      copy.fields()
          .forEachRemaining(entry -> entry.setValue(withoutDescriptions(entry.getValue())));
      return copy;
    }
    if (node.isArray()) {
      var copy = node.deepCopy();
      for (int i = 0; i < copy.size(); i++) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) copy)
            .set(i, withoutDescriptions(copy.get(i)));
      }
      return copy;
    }
    return node;
  }
}

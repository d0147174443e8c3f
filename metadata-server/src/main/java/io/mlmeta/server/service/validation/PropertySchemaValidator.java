package io.mlmeta.server.service.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.mlmeta.server.domain.MetadataType;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Validates instance properties against their type's JSON Schema (draft 2020-12). Compiled schemas
 * are cached per type id and version, so evolving a type invalidates its cache entry naturally.
 */
@ApplicationScoped
public class PropertySchemaValidator {

  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private final ConcurrentMap<String, JsonSchema> compiled = new ConcurrentHashMap<>();

  /** Checks that a proposed properties schema is a usable JSON Schema of an object. */
  public void checkSchema(String field, @Nullable ObjectNode schema) {
    if (schema == null || schema.isEmpty()) {
      throw new InvalidArgumentException(field, "is required (a JSON Schema of an object)");
    }
    if (schema.has("type") && !"object".equals(schema.get("type").asText())) {
      throw new InvalidArgumentException(field, "must describe an object (\"type\": \"object\")");
    }
    if (schema.has("properties") && !schema.get("properties").isObject()) {
      throw new InvalidArgumentException(field + ".properties", "must be an object");
    }
    try {
      factory.getSchema(schema).initializeValidators();
    } catch (JsonSchemaException | IllegalArgumentException e) {
      throw new InvalidArgumentException(field, "is not a valid JSON Schema");
    }
  }

  /**
   * Validates {@code properties} (the request field {@code field}) against {@code type}'s schema.
   *
   * @throws InvalidArgumentException naming every violated property and rule
   */
  public void validate(MetadataType type, ObjectNode properties, String field) {
    JsonSchema schema =
        compiled.computeIfAbsent(
            type.id() + "@" + type.version(), key -> factory.getSchema(type.propertiesSchema()));
    Set<ValidationMessage> messages = schema.validate(properties);
    if (messages.isEmpty()) {
      return;
    }
    List<ValidationMessage> sorted =
        messages.stream()
            .sorted(Comparator.comparing(message -> message.getInstanceLocation().toString()))
            .toList();
    String first = fieldOf(field, sorted.get(0));
    String detail =
        sorted.stream().map(message -> describe(field, message)).collect(Collectors.joining("; "));
    throw new InvalidArgumentException(
        first, "violates type " + type.name() + " v" + type.version() + ": " + detail);
  }

  private static String fieldOf(String field, ValidationMessage message) {
    String location = message.getInstanceLocation().toString();
    return field + location.substring(1);
  }

  private static String describe(String field, ValidationMessage message) {
    String text = message.getMessage();
    return text.startsWith("$") ? field + text.substring(1) : text;
  }
}

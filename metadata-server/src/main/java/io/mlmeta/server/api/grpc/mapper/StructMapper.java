package io.mlmeta.server.api.grpc.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts between protobuf {@link Struct} and Jackson JSON. Struct carries every number as a
 * double; integral values within the exactly representable range become JSON integers, so that
 * {@code "layers": [10, 3, 1]} round-trips as integers and validates as JSON Schema integers.
 */
public final class StructMapper {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final double MAX_EXACT = 9_007_199_254_740_992d;

  private StructMapper() {}

  /** Null for an absent (default) struct. */
  public static @Nullable ObjectNode toJson(Struct struct, boolean present) {
    return present ? toJson(struct) : null;
  }

  public static ObjectNode toJson(Struct struct) {
    ObjectNode object = NODES.objectNode();
    for (Map.Entry<String, Value> field : struct.getFieldsMap().entrySet()) {
      object.set(field.getKey(), toJson(field.getValue()));
    }
    return object;
  }

  private static JsonNode toJson(Value value) {
    return switch (value.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> NODES.nullNode();
      case BOOL_VALUE -> NODES.booleanNode(value.getBoolValue());
      case STRING_VALUE -> NODES.textNode(value.getStringValue());
      case NUMBER_VALUE -> number(value.getNumberValue());
      case STRUCT_VALUE -> toJson(value.getStructValue());
      case LIST_VALUE -> {
        ArrayNode array = NODES.arrayNode();
        value.getListValue().getValuesList().forEach(item -> array.add(toJson(item)));
        yield array;
      }
    };
  }

  private static JsonNode number(double number) {
    if (number == Math.rint(number)
        && Math.abs(number) <= MAX_EXACT
        && !Double.isInfinite(number)) {
      long integral = (long) number;
      return integral == (int) integral
          ? NODES.numberNode((int) integral)
          : NODES.numberNode(integral);
    }
    return NODES.numberNode(number);
  }

  public static Struct toStruct(@Nullable ObjectNode object) {
    Struct.Builder struct = Struct.newBuilder();
    if (object != null) {
      object.fields().forEachRemaining(e -> struct.putFields(e.getKey(), toValue(e.getValue())));
    }
    return struct.build();
  }

  private static Value toValue(@Nullable JsonNode node) {
    Value.Builder value = Value.newBuilder();
    if (node == null || node.isNull() || node.isMissingNode()) {
      return value.setNullValue(NullValue.NULL_VALUE).build();
    }
    if (node.isBoolean()) {
      return value.setBoolValue(node.booleanValue()).build();
    }
    if (node.isNumber()) {
      return value.setNumberValue(node.doubleValue()).build();
    }
    if (node.isTextual()) {
      return value.setStringValue(node.textValue()).build();
    }
    if (node.isArray()) {
      ListValue.Builder list = ListValue.newBuilder();
      node.forEach(item -> list.addValues(toValue(item)));
      return value.setListValue(list).build();
    }
    if (node.isObject()) {
      return value.setStructValue(toStruct((ObjectNode) node)).build();
    }
    return value.setStringValue(node.asText()).build();
  }
}

package io.mlmeta.sdk.grpc;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts between JSON-like Java values and protobuf {@link Struct}. Struct carries every number
 * as a double; converting back, integral values become {@link Integer} when they fit, {@link Long}
 * when exactly representable, and stay {@link Double} otherwise. Internal to the SDK.
 */
public final class Structs {

  private static final double MAX_EXACT = 9_007_199_254_740_992d;

  private Structs() {}

  /** A Struct of a JSON-like map; null values become JSON null. */
  public static Struct toStruct(@Nullable Map<String, ?> map) {
    Struct.Builder struct = Struct.newBuilder();
    if (map != null) {
      map.forEach((key, value) -> struct.putFields(key, toValue(value)));
    }
    return struct.build();
  }

  /**
   * A Value of a JSON-like Java value: null, Boolean, Number, CharSequence, Enum (its name), a
   * temporal (its ISO text), Map with string keys, Collection or array of those.
   *
   * @throws IllegalArgumentException for any other kind of value
   */
  public static Value toValue(@Nullable Object value) {
    Value.Builder v = Value.newBuilder();
    if (value == null) {
      return v.setNullValue(NullValue.NULL_VALUE).build();
    }
    if (value instanceof Boolean b) {
      return v.setBoolValue(b).build();
    }
    if (value instanceof Number n) {
      return v.setNumberValue(n.doubleValue()).build();
    }
    if (value instanceof CharSequence || value instanceof TemporalAccessor) {
      return v.setStringValue(value.toString()).build();
    }
    if (value instanceof Enum<?> e) {
      return v.setStringValue(e.name()).build();
    }
    if (value instanceof Map<?, ?> map) {
      Struct.Builder struct = Struct.newBuilder();
      map.forEach((key, item) -> struct.putFields(String.valueOf(key), toValue(item)));
      return v.setStructValue(struct).build();
    }
    if (value instanceof Collection<?> items) {
      ListValue.Builder list = ListValue.newBuilder();
      items.forEach(item -> list.addValues(toValue(item)));
      return v.setListValue(list).build();
    }
    if (value instanceof Object[] items) {
      return toValue(List.of(items));
    }
    throw new IllegalArgumentException(
        "cannot store a " + value.getClass().getName() + " as a JSON value: " + value);
  }

  /** An unmodifiable map of a Struct, with integral numbers as Integer or Long. */
  public static Map<String, Object> toMap(Struct struct) {
    Map<String, Object> map = new LinkedHashMap<>();
    struct.getFieldsMap().forEach((key, value) -> map.put(key, toJava(value)));
    return Collections.unmodifiableMap(map);
  }

  /**
   * The Java value of a protobuf Value: null, Boolean, Integer, Long, Double, String, Map, List.
   */
  public static @Nullable Object toJava(Value value) {
    return switch (value.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> null;
      case BOOL_VALUE -> value.getBoolValue();
      case NUMBER_VALUE -> number(value.getNumberValue());
      case STRING_VALUE -> value.getStringValue();
      case STRUCT_VALUE -> toMap(value.getStructValue());
      case LIST_VALUE -> {
        List<Object> list = new ArrayList<>();
        value.getListValue().getValuesList().forEach(item -> list.add(toJava(item)));
        yield Collections.unmodifiableList(list);
      }
    };
  }

  /** An integral double as Integer or Long; anything else as Double. */
  public static Number number(double number) {
    if (number == Math.rint(number)
        && !Double.isInfinite(number)
        && Math.abs(number) <= MAX_EXACT) {
      long integral = (long) number;
      if (integral == (int) integral) {
        return (int) integral;
      }
      return integral;
    }
    return number;
  }
}

package io.mlmeta.server.api.graphql.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;

@Description("A key/value label.")
public record Label(@NonNull String key, @NonNull String value) {

  public static List<Label> from(Map<String, String> labels) {
    return new TreeMap<>(labels)
        .entrySet().stream().map(e -> new Label(e.getKey(), e.getValue())).toList();
  }

  public static Map<String, String> toMap(@Nullable List<Label> labels) {
    Map<String, String> map = new TreeMap<>();
    if (labels != null) {
      labels.forEach(label -> map.put(label.key(), label.value()));
    }
    return map;
  }
}

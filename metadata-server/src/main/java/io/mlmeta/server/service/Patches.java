package io.mlmeta.server.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** JSON merge of top-level keys: patch values replace, JSON nulls remove. */
final class Patches {

  private Patches() {}

  static ObjectNode merge(ObjectNode current, @Nullable ObjectNode patch) {
    ObjectNode merged = current.deepCopy();
    if (patch == null) {
      return merged;
    }
    patch
        .fields()
        .forEachRemaining(
            entry -> {
              if (entry.getValue().isNull()) {
                merged.remove(entry.getKey());
              } else {
                merged.set(entry.getKey(), entry.getValue());
              }
            });
    return merged;
  }
}

package io.mlmeta.k8s;

import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Map;

/** Label selector matching, limited to matchLabels (the only form these manifests use). */
final class Selectors {

  private Selectors() {}

  /** An empty selector matches nothing here: every selector in these manifests must be explicit. */
  static boolean matches(Map<String, String> selector, Map<String, String> labels) {
    if (selector == null || selector.isEmpty() || labels == null) {
      return false;
    }
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    return selector != null
        && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty())
        && matches(selector.getMatchLabels(), labels);
  }
}

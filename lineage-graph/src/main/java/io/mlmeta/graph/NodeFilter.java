package io.mlmeta.graph;

import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKind;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A predicate on a node's kind, type name and state. Each non-empty set must contain the node's
 * value; an empty set accepts any value. So {@code NodeFilter.any().withKinds(ARTIFACT)
 * .withTypeNames("Model", "Metrics")} accepts artifacts whose type is Model or Metrics.
 */
public record NodeFilter(Set<NodeKind> kinds, Set<String> typeNames, Set<String> states) {

  private static final NodeFilter ANY = new NodeFilter(Set.of(), Set.of(), Set.of());

  public NodeFilter {
    kinds = Set.copyOf(Objects.requireNonNull(kinds, "kinds"));
    typeNames = Set.copyOf(Objects.requireNonNull(typeNames, "typeNames"));
    states = Set.copyOf(Objects.requireNonNull(states, "states"));
  }

  /** The filter that accepts every node. */
  public static NodeFilter any() {
    return ANY;
  }

  public static NodeFilter ofKinds(NodeKind... kinds) {
    return ANY.withKinds(kinds);
  }

  public static NodeFilter ofTypeNames(String... typeNames) {
    return ANY.withTypeNames(typeNames);
  }

  public static NodeFilter ofStates(String... states) {
    return ANY.withStates(states);
  }

  public NodeFilter withKinds(NodeKind... kinds) {
    return new NodeFilter(Set.of(kinds), typeNames, states);
  }

  public NodeFilter withTypeNames(String... typeNames) {
    return new NodeFilter(kinds, Set.of(typeNames), states);
  }

  public NodeFilter withStates(String... states) {
    return new NodeFilter(kinds, typeNames, Set.of(states));
  }

  public boolean acceptsAll() {
    return kinds.isEmpty() && typeNames.isEmpty() && states.isEmpty();
  }

  public boolean matches(Node node) {
    return matches(node.kind(), node.typeName(), node.state());
  }

  public boolean matches(NodeKind kind, String typeName, String state) {
    return (kinds.isEmpty() || kinds.contains(kind))
        && (typeNames.isEmpty() || typeNames.contains(typeName))
        && (states.isEmpty() || states.contains(state));
  }

  /** The kinds as enum names, sorted; for query parameters. */
  public List<String> kindNames() {
    return kinds.stream().map(Enum::name).sorted().toList();
  }
}

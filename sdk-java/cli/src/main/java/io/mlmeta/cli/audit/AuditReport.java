package io.mlmeta.cli.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Everything an audit report says about one model, sorted so that the same store always gives the
 * same report: every list is ordered by id (edges by their ends), and free-form documents are
 * rendered with sorted keys.
 *
 * @param workspace the model's workspace
 * @param model the model itself
 * @param upstreamExecutions every execution the model was made by, directly or not
 * @param upstreamArtifacts every artifact the model was made from (data sets and others)
 * @param metrics metrics of the model: Metrics whose {@code model_id} is the model, or written by
 *     executions that read the model
 * @param deployments {@code Deploy} executions that read the model
 * @param otherConsumers other executions that read the model (evaluations, ...)
 * @param contexts runs and experiments of the executions above, with their parents
 * @param edges lineage edges between the report's nodes, in data-flow direction
 * @param truncated whether the lineage walk was cut short (the report may then miss nodes)
 * @param workspaces every workspace the report's nodes lie in, sorted: more than one when the
 *     provenance crosses workspaces (a model trained on another team's data)
 * @param redacted keys of the nodes in workspaces the exporter cannot read, sorted: the provenance
 *     passes through them, but the report can say nothing else about them
 */
public record AuditReport(
    String workspace,
    ArtifactEntry model,
    List<ExecutionEntry> upstreamExecutions,
    List<ArtifactEntry> upstreamArtifacts,
    List<ArtifactEntry> metrics,
    List<ExecutionEntry> deployments,
    List<ExecutionEntry> otherConsumers,
    List<ContextEntry> contexts,
    List<Edge> edges,
    boolean truncated,
    List<String> workspaces,
    List<String> redacted) {

  /** Sorts every list and makes it immutable. */
  public AuditReport {
    Objects.requireNonNull(model, "model");
    upstreamExecutions = sortedById(upstreamExecutions, ExecutionEntry::id);
    upstreamArtifacts = sortedById(upstreamArtifacts, ArtifactEntry::id);
    metrics = sortedById(metrics, ArtifactEntry::id);
    deployments = sortedById(deployments, ExecutionEntry::id);
    otherConsumers = sortedById(otherConsumers, ExecutionEntry::id);
    contexts = sortedById(contexts, ContextEntry::id);
    edges =
        edges.stream()
            .distinct()
            .sorted(Comparator.comparing(Edge::from, KEYS).thenComparing(Edge::to, KEYS))
            .toList();
    workspaces = workspaces.stream().distinct().sorted().toList();
    redacted = redacted.stream().distinct().sorted(KEYS).toList();
  }

  /** Whether the provenance reaches beyond the model's workspace, readable or not. */
  public boolean crossesWorkspaces() {
    return workspaces.size() > 1 || !redacted.isEmpty();
  }

  /** One line on the workspaces the provenance spans and what could not be read. */
  public String workspaceSummary() {
    String spans = "Provenance spans workspaces: " + String.join(", ", workspaces) + ".";
    if (redacted.isEmpty()) {
      return spans;
    }
    return spans
        + " "
        + redacted.size()
        + " node(s) lie in workspaces the exporter cannot read and are redacted: "
        + String.join(", ", redacted)
        + ".";
  }

  /** Orders node keys by kind, then numerically by id: artifact:2 before artifact:10. */
  public static final Comparator<String> KEYS =
      Comparator.comparing((String key) -> key.substring(0, key.indexOf(':')))
          .thenComparingLong(key -> Long.parseLong(key.substring(key.indexOf(':') + 1)));

  private static <T> List<T> sortedById(List<T> items, java.util.function.ToLongFunction<T> id) {
    return items.stream().sorted(Comparator.comparingLong(id)).toList();
  }

  /** An artifact of the report. */
  public record ArtifactEntry(
      long id,
      String type,
      @Nullable String name,
      @Nullable String uri,
      @Nullable String version,
      @Nullable String state,
      @Nullable String digest,
      @Nullable String owner,
      Map<String, Object> properties,
      @Nullable Instant createTime,
      @Nullable Instant updateTime) {

    /** Copies the properties. */
    public ArtifactEntry {
      properties = properties == null ? Map.of() : new TreeMap<>(properties);
    }

    /** The node key, {@code artifact:<id>}. */
    public String key() {
      return "artifact:" + id;
    }
  }

  /** An execution of the report. */
  public record ExecutionEntry(
      long id,
      String type,
      String name,
      @Nullable String state,
      Map<String, Object> properties,
      @Nullable Instant startTime,
      @Nullable Instant endTime,
      @Nullable Instant createTime,
      @Nullable Instant updateTime,
      List<Long> contextIds) {

    /** Copies the properties and sorts the context ids. */
    public ExecutionEntry {
      properties = properties == null ? Map.of() : new TreeMap<>(properties);
      contextIds = contextIds.stream().sorted().distinct().toList();
    }

    /** The node key, {@code execution:<id>}. */
    public String key() {
      return "execution:" + id;
    }

    /** The {@code owner} property, or null. */
    public @Nullable String owner() {
      Object owner = properties.get("owner");
      return owner == null ? null : owner.toString();
    }
  }

  /** A run, experiment or other context of the report's executions. */
  public record ContextEntry(
      long id, String type, String name, List<Long> parentIds, @Nullable Instant createTime) {

    /** Sorts the parent ids. */
    public ContextEntry {
      parentIds = parentIds.stream().sorted().distinct().toList();
    }
  }

  /** A lineage edge in data-flow direction; {@code type} is {@code INPUT} or {@code OUTPUT}. */
  public record Edge(String from, String to, String type) {}

  /** One line of "who wrote what and when". */
  public record TimelineEntry(Instant time, String subject, String event, @Nullable String by) {}

  /** Every artifact of the report: the model, upstream artifacts and metrics. */
  public List<ArtifactEntry> artifacts() {
    Map<Long, ArtifactEntry> all = new TreeMap<>();
    all.put(model.id(), model);
    upstreamArtifacts.forEach(a -> all.putIfAbsent(a.id(), a));
    metrics.forEach(a -> all.putIfAbsent(a.id(), a));
    return List.copyOf(all.values());
  }

  /** Every execution of the report: upstream, deployments and other consumers. */
  public List<ExecutionEntry> executions() {
    Map<Long, ExecutionEntry> all = new TreeMap<>();
    upstreamExecutions.forEach(e -> all.putIfAbsent(e.id(), e));
    deployments.forEach(e -> all.putIfAbsent(e.id(), e));
    otherConsumers.forEach(e -> all.putIfAbsent(e.id(), e));
    return List.copyOf(all.values());
  }

  /** The context with this id, if the report holds it. */
  public @Nullable ContextEntry context(long id) {
    return contexts.stream().filter(c -> c.id() == id).findFirst().orElse(null);
  }

  /** The names of an execution's contexts, as {@code Type name}, in id order. */
  public List<String> contextNames(ExecutionEntry execution) {
    List<String> names = new ArrayList<>();
    for (long id : execution.contextIds()) {
      ContextEntry context = context(id);
      names.add(context == null ? "context:" + id : context.type() + " " + context.name());
    }
    return names;
  }

  /** The executions that wrote an artifact, by the report's edges. */
  public List<String> producers(String artifactKey) {
    return edges.stream().filter(e -> e.to().equals(artifactKey)).map(Edge::from).toList();
  }

  /**
   * Who wrote what and when: creation, change, start and end of every artifact and execution, with
   * the owner where one is known, ordered by time, then subject, then event.
   */
  public List<TimelineEntry> timeline() {
    List<TimelineEntry> entries = new ArrayList<>();
    for (ArtifactEntry a : artifacts()) {
      List<String> producers = producers(a.key());
      String created =
          producers.isEmpty() ? "created" : "created as output of " + String.join(", ", producers);
      add(entries, a.createTime(), a.key(), created, a.owner());
      if (a.updateTime() != null && !a.updateTime().equals(a.createTime())) {
        add(entries, a.updateTime(), a.key(), "updated", a.owner());
      }
    }
    for (ExecutionEntry e : executions()) {
      add(entries, e.createTime(), e.key(), "recorded", e.owner());
      add(entries, e.startTime(), e.key(), "started", e.owner());
      add(entries, e.endTime(), e.key(), "ended " + e.state(), e.owner());
    }
    entries.sort(
        Comparator.comparing(TimelineEntry::time)
            .thenComparing(TimelineEntry::subject, KEYS)
            .thenComparing(TimelineEntry::event));
    return entries;
  }

  private static void add(
      List<TimelineEntry> entries,
      @Nullable Instant time,
      String subject,
      String event,
      @Nullable String by) {
    if (time != null) {
      entries.add(new TimelineEntry(time, subject, event, by));
    }
  }

  /** A short label of a node: {@code Type name}. */
  public String label(String key) {
    for (ArtifactEntry a : artifacts()) {
      if (a.key().equals(key)) {
        return a.type() + " " + (a.name() == null ? key : a.name());
      }
    }
    for (ExecutionEntry e : executions()) {
      if (e.key().equals(key)) {
        return e.type() + " " + (e.name() == null ? key : e.name());
      }
    }
    return redacted.contains(key) ? "redacted " + key : key;
  }

  /** Every node key of the report, sorted. */
  public List<String> nodeKeys() {
    List<String> keys = new ArrayList<>();
    artifacts().forEach(a -> keys.add(a.key()));
    executions().forEach(e -> keys.add(e.key()));
    keys.addAll(redacted);
    keys.sort(KEYS);
    return keys;
  }

  /**
   * A column for every node, for drawing left to right: the longest chain of edges leading to it.
   */
  public Map<String, Integer> layers() {
    Map<String, Integer> layer = new LinkedHashMap<>();
    nodeKeys().forEach(k -> layer.put(k, 0));
    for (int round = 0; round < layer.size(); round++) {
      boolean changed = false;
      for (Edge edge : edges) {
        Integer from = layer.get(edge.from());
        Integer to = layer.get(edge.to());
        if (from != null && to != null && to < from + 1) {
          layer.put(edge.to(), from + 1);
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    return layer;
  }
}

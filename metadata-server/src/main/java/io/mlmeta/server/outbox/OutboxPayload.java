package io.mlmeta.server.outbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.EdgeType;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.graph.model.NodeKind;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outbox row format, a versioned contract: rows outlive the server version that wrote them (an
 * upgrade meets rows the old version appended and the mirror has not applied yet), so the format is
 * declared as a JSON Schema ({@code io/mlmeta/schemas/outbox/lineage-changes.v1.json} in the
 * schemas module) and every row names its version. Rows written before versioning have the v1 shape
 * without the field and are read as v1. A row of a newer version is refused, not guessed at: the
 * consumer stops at it and reports, and nothing after it is skipped.
 */
public final class OutboxPayload {

  /** The version this server writes and the newest it reads. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private OutboxPayload() {}

  /** The JSON text of a row, in the current version. */
  public static String write(LineageChanges changes) {
    try {
      return JSON.writeValueAsString(V1.of(changes));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise lineage changes", e);
    }
  }

  /**
   * Reads a row's JSON text.
   *
   * @throws IllegalStateException if the text is not a row this server can read; the message says
   *     which version it found
   */
  public static LineageChanges read(String json) {
    V1 row;
    try {
      row = JSON.readValue(json, V1.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable outbox payload: " + e.getOriginalMessage(), e);
    }
    int version = row.version() == null ? 1 : row.version();
    if (version != VERSION) {
      throw new IllegalStateException(
          "outbox payload version "
              + version
              + " is newer than this server reads ("
              + VERSION
              + "); run a server at least as new as the one that wrote it");
    }
    return row.toChanges();
  }

  /** Version 1: one workspace's nodes and edges; edges name their artifact and execution ends. */
  private record V1(
      @Nullable Integer version,
      long workspaceId,
      @Nullable List<NodeV1> nodes,
      @Nullable List<EdgeV1> edges) {

    static V1 of(LineageChanges changes) {
      return new V1(
          VERSION,
          changes.workspaceId(),
          changes.nodes().stream().map(NodeV1::of).toList(),
          changes.edges().stream().map(EdgeV1::of).toList());
    }

    LineageChanges toChanges() {
      return new LineageChanges(
          workspaceId,
          nodes == null ? List.of() : nodes.stream().map(NodeV1::toNode).toList(),
          edges == null ? List.of() : edges.stream().map(EdgeV1::toEdge).toList());
    }
  }

  private record NodeV1(
      NodeKind kind,
      long id,
      long workspaceId,
      String type,
      String state,
      @Nullable String name,
      @Nullable String uri,
      Instant createTime) {

    static NodeV1 of(Node node) {
      return new NodeV1(
          node.kind(),
          node.key().id(),
          node.workspaceId(),
          node.typeName(),
          node.state(),
          node.name(),
          node.uri(),
          node.createTime());
    }

    Node toNode() {
      return new Node(new NodeKey(kind, id), workspaceId, type, state, name, uri, createTime);
    }
  }

  private record EdgeV1(long artifactId, long executionId, EdgeType type, Instant time) {

    static EdgeV1 of(Edge edge) {
      NodeKey artifact = edge.type() == EdgeType.INPUT ? edge.from() : edge.to();
      NodeKey execution = edge.type() == EdgeType.INPUT ? edge.to() : edge.from();
      return new EdgeV1(artifact.id(), execution.id(), edge.type(), edge.time());
    }

    Edge toEdge() {
      NodeKey artifact = NodeKey.artifact(artifactId);
      NodeKey execution = NodeKey.execution(executionId);
      return type == EdgeType.INPUT
          ? Edge.input(artifact, execution, time)
          : Edge.output(execution, artifact, time);
    }
  }
}

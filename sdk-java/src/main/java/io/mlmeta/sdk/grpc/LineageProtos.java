package io.mlmeta.sdk.grpc;

import io.mlmeta.proto.v1.CheckMirrorResponse;
import io.mlmeta.proto.v1.FindPathsResponse;
import io.mlmeta.proto.v1.GetImpactResponse;
import io.mlmeta.proto.v1.GetLineageResponse;
import io.mlmeta.proto.v1.LineageStart;
import io.mlmeta.proto.v1.RebuildMirrorResponse;
import io.mlmeta.sdk.lineage.AnsweredBy;
import io.mlmeta.sdk.lineage.EdgeType;
import io.mlmeta.sdk.lineage.Impact;
import io.mlmeta.sdk.lineage.Lineage;
import io.mlmeta.sdk.lineage.LineageDirection;
import io.mlmeta.sdk.lineage.LineageEdge;
import io.mlmeta.sdk.lineage.LineageNode;
import io.mlmeta.sdk.lineage.LineagePath;
import io.mlmeta.sdk.lineage.MirrorCheck;
import io.mlmeta.sdk.lineage.MirrorRebuild;
import io.mlmeta.sdk.lineage.MirrorStatus;
import io.mlmeta.sdk.lineage.NodeKey;
import io.mlmeta.sdk.lineage.NodeKind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps lineage and mirror messages to the SDK's lineage records. Internal to the SDK. */
public final class LineageProtos {

  private LineageProtos() {}

  /** The start message of these node keys. */
  public static LineageStart start(Collection<NodeKey> keys) {
    LineageStart.Builder start = LineageStart.newBuilder();
    for (NodeKey key : keys) {
      if (key.kind() == NodeKind.ARTIFACT) {
        start.addArtifactIds(key.id());
      } else {
        start.addExecutionIds(key.id());
      }
    }
    return start.build();
  }

  /** The proto direction of an SDK direction. */
  public static io.mlmeta.proto.v1.LineageDirection direction(LineageDirection direction) {
    return io.mlmeta.proto.v1.LineageDirection.valueOf(direction.name());
  }

  /** The proto kind of an SDK kind. */
  public static io.mlmeta.proto.v1.NodeKind kind(NodeKind kind) {
    return kind == NodeKind.ARTIFACT
        ? io.mlmeta.proto.v1.NodeKind.NODE_ARTIFACT
        : io.mlmeta.proto.v1.NodeKind.NODE_EXECUTION;
  }

  /** One lineage page. */
  public static Lineage lineage(GetLineageResponse r) {
    return new Lineage(
        nodes(r.getNodesList()),
        edges(r.getEdgesList()),
        r.getTruncated(),
        r.getTruncation(),
        r.getNextPageToken(),
        answeredBy(r.getAnsweredBy()));
  }

  /** An impact answer. */
  public static Impact impact(GetImpactResponse r) {
    Map<String, List<LineageNode>> groups = new LinkedHashMap<>();
    r.getGroupsList().forEach(g -> groups.put(g.getType(), nodes(g.getNodesList())));
    return new Impact(
        groups,
        r.getTotal(),
        r.getTruncated(),
        answeredBy(r.getAnsweredBy()),
        nodes(r.getRedactedNodesList()));
  }

  /** The paths of a path answer. */
  public static List<LineagePath> paths(FindPathsResponse r) {
    return r.getPathsList().stream()
        .map(p -> new LineagePath(nodes(p.getNodesList()), edges(p.getEdgesList())))
        .toList();
  }

  /** A lineage node. */
  public static LineageNode node(io.mlmeta.proto.v1.LineageNode n) {
    return new LineageNode(
        n.getKey(),
        n.getKind() == io.mlmeta.proto.v1.NodeKind.NODE_EXECUTION
            ? NodeKind.EXECUTION
            : NodeKind.ARTIFACT,
        n.getId(),
        n.getRedacted() ? null : n.getType(),
        n.getRedacted() ? null : n.getState(),
        Protos.emptyToNull(n.getName()),
        Protos.emptyToNull(n.getUri()),
        n.getHops(),
        n.getRedacted());
  }

  /** The mirror status. */
  public static MirrorStatus status(io.mlmeta.proto.v1.MirrorStatus s) {
    return new MirrorStatus(
        s.getConfigured(),
        s.getReachable(),
        s.getLeader(),
        s.getMirrorPosition(),
        s.getLatestPosition(),
        s.getLagRows(),
        s.getLastError());
  }

  /** The outcome of a rebuild. */
  public static MirrorRebuild rebuild(RebuildMirrorResponse r) {
    return new MirrorRebuild(r.getNodes(), r.getEdges(), r.getPosition(), r.getMillis());
  }

  /** The outcome of a check. */
  public static MirrorCheck check(CheckMirrorResponse r) {
    return new MirrorCheck(
        r.getConsistent(),
        r.getStoreNodes(),
        r.getMirrorNodes(),
        r.getStoreEdges(),
        r.getMirrorEdges(),
        r.getMissingNodes(),
        r.getExtraNodes(),
        r.getDifferentNodes(),
        r.getMissingEdges(),
        r.getExtraEdges(),
        r.getSampleList(),
        r.getMirrorPosition(),
        r.getLatestPosition(),
        r.getRepaired());
  }

  private static List<LineageNode> nodes(List<io.mlmeta.proto.v1.LineageNode> nodes) {
    return nodes.stream().map(LineageProtos::node).toList();
  }

  private static List<LineageEdge> edges(List<io.mlmeta.proto.v1.LineageEdge> edges) {
    return edges.stream()
        .map(
            e ->
                new LineageEdge(
                    e.getFrom(),
                    e.getTo(),
                    e.getType() == io.mlmeta.proto.v1.EventType.INPUT
                        ? EdgeType.INPUT
                        : EdgeType.OUTPUT))
        .toList();
  }

  private static AnsweredBy answeredBy(io.mlmeta.proto.v1.AnsweredBy a) {
    return new AnsweredBy(
        a.getEngine(), a.getReason(), a.getMirrorPosition(), a.getRequiredPosition());
  }
}

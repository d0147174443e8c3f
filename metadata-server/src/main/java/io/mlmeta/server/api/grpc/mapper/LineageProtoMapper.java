package io.mlmeta.server.api.grpc.mapper;

import com.google.protobuf.Duration;
import io.mlmeta.graph.NodeFilter;
import io.mlmeta.graph.TraversedNode;
import io.mlmeta.graph.model.Direction;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKind;
import io.mlmeta.proto.v1.AnsweredBy;
import io.mlmeta.proto.v1.EventType;
import io.mlmeta.proto.v1.LineageDirection;
import io.mlmeta.proto.v1.LineageEdge;
import io.mlmeta.proto.v1.LineageNode;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import io.mlmeta.server.lineage.LineageAnswer;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Pure conversions between lineage messages and the lineage-graph model. */
public final class LineageProtoMapper {

  private LineageProtoMapper() {}

  public static @Nullable Direction direction(
      LineageDirection direction, @Nullable Direction unspecified) {
    return switch (direction) {
      case UPSTREAM -> Direction.UPSTREAM;
      case DOWNSTREAM -> Direction.DOWNSTREAM;
      case BOTH -> Direction.BOTH;
      case LINEAGE_DIRECTION_UNSPECIFIED -> unspecified;
      case UNRECOGNIZED -> throw new InvalidArgumentException("direction", "is not a direction");
    };
  }

  public static NodeFilter filter(io.mlmeta.proto.v1.NodeFilter filter) {
    Set<NodeKind> kinds = new HashSet<>();
    for (io.mlmeta.proto.v1.NodeKind kind : filter.getKindsList()) {
      switch (kind) {
        case NODE_ARTIFACT -> kinds.add(NodeKind.ARTIFACT);
        case NODE_EXECUTION -> kinds.add(NodeKind.EXECUTION);
        default -> throw new InvalidArgumentException("filter.kinds", "holds an unknown kind");
      }
    }
    return new NodeFilter(
        kinds, Set.copyOf(filter.getTypesList()), Set.copyOf(filter.getStatesList()));
  }

  public static java.time.Duration duration(Duration duration, boolean present) {
    return present
        ? java.time.Duration.ofSeconds(duration.getSeconds(), duration.getNanos())
        : java.time.Duration.ZERO;
  }

  public static LineageNode node(Node node, int hops) {
    var builder =
        LineageNode.newBuilder()
            .setKey(node.key().toString())
            .setKind(
                node.kind() == NodeKind.ARTIFACT
                    ? io.mlmeta.proto.v1.NodeKind.NODE_ARTIFACT
                    : io.mlmeta.proto.v1.NodeKind.NODE_EXECUTION)
            .setId(node.key().id())
            .setHops(hops);
    if (node.redacted()) {
      return builder.setRedacted(true).build();
    }
    builder.setWorkspaceId(node.workspaceId()).setType(node.typeName()).setState(node.state());
    if (node.name() != null) {
      builder.setName(node.name());
    }
    if (node.uri() != null) {
      builder.setUri(node.uri());
    }
    return builder.build();
  }

  public static LineageNode node(TraversedNode traversed) {
    return node(traversed.node(), traversed.hops());
  }

  public static LineageEdge edge(Edge edge) {
    return LineageEdge.newBuilder()
        .setFrom(edge.from().toString())
        .setTo(edge.to().toString())
        .setType(EventType.valueOf(edge.type().name()))
        .build();
  }

  public static AnsweredBy answeredBy(LineageAnswer<?> answer) {
    return AnsweredBy.newBuilder()
        .setEngine(answer.engine())
        .setReason(answer.reason())
        .setMirrorPosition(answer.mirrorPosition())
        .setRequiredPosition(answer.requiredPosition())
        .build();
  }
}

package io.mlmeta.graph.testsupport;

import io.mlmeta.graph.model.ChangeSet;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.EdgeKey;
import io.mlmeta.graph.model.GraphChange;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.graph.model.NodeKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes graph changes into the metadata store's tables the way the server would: artifacts,
 * executions and events with the given ids, plus the workspaces and types they need. The PostgreSQL
 * engine reads these tables, so this is how its tests load a graph.
 */
public final class StoreWriter {

  private static final String INSERT_WORKSPACE =
      """
      insert into workspace (id, name, create_time, update_time)
      overriding system value values (?, ?, now(), now())
      on conflict (id) do nothing
      """;
  private static final String INSERT_TYPE =
      """
      insert into metadata_type (kind, name, version, properties_schema, create_time, update_time)
      values (?, ?, 1, '{}'::jsonb, now(), now())
      on conflict (kind, name) do nothing
      """;
  private static final String SELECT_TYPE =
      "select id from metadata_type where kind = ? and name = ?";
  private static final String UPSERT_ARTIFACT =
      """
      insert into artifact (id, workspace_id, type_id, state, properties, create_time, update_time)
      overriding system value
      values (?, ?, ?, ?, jsonb_strip_nulls(jsonb_build_object('name', ?::text, 'uri', ?::text)), ?, ?)
      on conflict (id) do update set workspace_id = excluded.workspace_id,
          type_id = excluded.type_id, state = excluded.state, properties = excluded.properties,
          create_time = excluded.create_time, update_time = excluded.update_time
      """;
  private static final String UPSERT_EXECUTION =
      """
      insert into execution (id, workspace_id, type_id, name, state, create_time, update_time)
      overriding system value values (?, ?, ?, ?, ?, ?, ?)
      on conflict (id) do update set workspace_id = excluded.workspace_id,
          type_id = excluded.type_id, name = excluded.name, state = excluded.state,
          create_time = excluded.create_time, update_time = excluded.update_time
      """;
  private static final String UPSERT_EVENT =
      """
      insert into event (workspace_id, execution_id, artifact_id, type, event_time)
      select x.workspace_id, x.id, ?, ?, ? from execution x where x.id = ?
      on conflict (execution_id, artifact_id, type) do update set event_time = excluded.event_time
      """;
  private static final String DELETE_EVENT =
      "delete from event where execution_id = ? and artifact_id = ? and type = ?";
  private static final String DELETE_ARTIFACT_EVENTS = "delete from event where artifact_id = ?";
  private static final String DELETE_EXECUTION_EVENTS = "delete from event where execution_id = ?";
  private static final String DELETE_ARTIFACT = "delete from artifact where id = ?";
  private static final String DELETE_EXECUTION = "delete from execution where id = ?";
  private static final String TRUNCATE_ALL =
      """
      truncate table event, attribution, association, parent_context, artifact, execution,
          context, metadata_type_revision, metadata_type, workspace restart identity cascade
      """;

  private final DataSource dataSource;
  private final Map<String, Long> typeIds = new HashMap<>();

  public StoreWriter(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Empties every store table. */
  public void reset() {
    typeIds.clear();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(TRUNCATE_ALL);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the changes in one transaction. */
  public void load(ChangeSet changes) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        for (GraphChange change : changes.changes()) {
          if (change instanceof GraphChange.UpsertNode upsert) {
            upsertNode(connection, upsert.node());
          } else if (change instanceof GraphChange.UpsertEdge upsert) {
            upsertEdge(connection, upsert.edge());
          } else if (change instanceof GraphChange.DeleteEdge delete) {
            deleteEdge(connection, delete.key());
          } else if (change instanceof GraphChange.DeleteNode delete) {
            deleteNode(connection, delete.key());
          }
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void upsertNode(Connection connection, Node node) throws SQLException {
    update(connection, INSERT_WORKSPACE, node.workspaceId(), "workspace-" + node.workspaceId());
    long typeId = typeId(connection, node.kind(), node.typeName());
    if (node.kind() == NodeKind.ARTIFACT) {
      update(
          connection,
          UPSERT_ARTIFACT,
          node.key().id(),
          node.workspaceId(),
          typeId,
          node.state(),
          node.name(),
          node.uri(),
          time(node.createTime()),
          time(node.createTime()));
    } else {
      if (node.name() == null) {
        throw new IllegalArgumentException("the store requires an execution name: " + node.key());
      }
      update(
          connection,
          UPSERT_EXECUTION,
          node.key().id(),
          node.workspaceId(),
          typeId,
          node.name(),
          node.state(),
          time(node.createTime()),
          time(node.createTime()));
    }
  }

  private void upsertEdge(Connection connection, Edge edge) throws SQLException {
    EdgeKey key = edge.key();
    update(
        connection,
        UPSERT_EVENT,
        artifactEnd(key).id(),
        edge.type().name(),
        time(edge.time()),
        executionEnd(key).id());
  }

  private void deleteEdge(Connection connection, EdgeKey key) throws SQLException {
    update(
        connection, DELETE_EVENT, executionEnd(key).id(), artifactEnd(key).id(), key.type().name());
  }

  private void deleteNode(Connection connection, NodeKey key) throws SQLException {
    boolean artifact = key.kind() == NodeKind.ARTIFACT;
    update(connection, artifact ? DELETE_ARTIFACT_EVENTS : DELETE_EXECUTION_EVENTS, key.id());
    update(connection, artifact ? DELETE_ARTIFACT : DELETE_EXECUTION, key.id());
  }

  private long typeId(Connection connection, NodeKind kind, String name) throws SQLException {
    String cacheKey = kind + "/" + name;
    Long cached = typeIds.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    update(connection, INSERT_TYPE, kind.name(), name);
    try (PreparedStatement statement = connection.prepareStatement(SELECT_TYPE)) {
      statement.setString(1, kind.name());
      statement.setString(2, name);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        long id = rows.getLong(1);
        typeIds.put(cacheKey, id);
        return id;
      }
    }
  }

  private static void update(Connection connection, String sql, Object... values)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      statement.executeUpdate();
    }
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static NodeKey artifactEnd(EdgeKey key) {
    return key.from().kind() == NodeKind.ARTIFACT ? key.from() : key.to();
  }

  private static NodeKey executionEnd(EdgeKey key) {
    return key.from().kind() == NodeKind.EXECUTION ? key.from() : key.to();
  }
}

package io.mlmeta.graph.neo4j;

import java.util.Map;

/**
 * Every statement the Neo4j engine runs. Values always travel as parameters; labels and
 * relationship types are fixed here, one statement per kind or type, chosen by enum.
 */
final class Cypher {

  private Cypher() {}

  static final String[] SCHEMA = {
    "CREATE CONSTRAINT lineage_node_key IF NOT EXISTS FOR (n:Node) REQUIRE n.key IS UNIQUE",
    "CREATE INDEX lineage_artifact_id IF NOT EXISTS FOR (n:Artifact) ON (n.id)",
    "CREATE INDEX lineage_execution_id IF NOT EXISTS FOR (n:Execution) ON (n.id)",
    "CREATE INDEX lineage_node_workspace IF NOT EXISTS FOR (n:Node) ON (n.workspaceId)"
  };

  static final String KEY_CONSTRAINT = "lineage_node_key";

  /** The schema's indexes by name (the key constraint's index carries the constraint's name). */
  static final String SCHEMA_INDEXES =
      "SHOW INDEXES YIELD name, state, owningConstraint WHERE name IN $names"
          + " RETURN name, state, owningConstraint";

  /**
   * Statements removing one schema index, by its name: names come from this list, never from the
   * database, because schema commands take no parameters for names.
   */
  static final Map<String, String> DROP_INDEX =
      Map.of(
          KEY_CONSTRAINT,
          "DROP INDEX lineage_node_key IF EXISTS",
          "lineage_artifact_id",
          "DROP INDEX lineage_artifact_id IF EXISTS",
          "lineage_execution_id",
          "DROP INDEX lineage_execution_id IF EXISTS",
          "lineage_node_workspace",
          "DROP INDEX lineage_node_workspace IF EXISTS");

  static final String DROP_KEY_CONSTRAINT = "DROP CONSTRAINT lineage_node_key IF EXISTS";

  static final String AWAIT_INDEXES = "CALL db.awaitIndexes($timeoutSeconds)";

  private static final String UPSERT_NODES_TEMPLATE =
      """
      UNWIND $rows AS row
      MERGE (n:Node {key: row.key})
      SET n:%s, n.id = row.id, n.workspaceId = row.workspaceId, n.typeName = row.typeName,
          n.state = row.state, n.name = row.name, n.uri = row.uri, n.createTime = row.createTime
      """;

  static final String UPSERT_ARTIFACTS = UPSERT_NODES_TEMPLATE.formatted("Artifact");
  static final String UPSERT_EXECUTIONS = UPSERT_NODES_TEMPLATE.formatted("Execution");

  // Matching both ends first means an edge to a missing node writes nothing; the returned count
  // exposes it.
  private static final String UPSERT_EDGES_TEMPLATE =
      """
      UNWIND $rows AS row
      MATCH (a:Node {key: row.from})
      MATCH (b:Node {key: row.to})
      MERGE (a)-[r:%s]->(b)
      SET r.time = row.time
      RETURN count(r) AS applied
      """;

  static final String UPSERT_INPUT_EDGES = UPSERT_EDGES_TEMPLATE.formatted("INPUT");
  static final String UPSERT_OUTPUT_EDGES = UPSERT_EDGES_TEMPLATE.formatted("OUTPUT");

  private static final String DELETE_EDGES_TEMPLATE =
      """
      UNWIND $rows AS row
      MATCH (:Node {key: row.from})-[r:%s]->(:Node {key: row.to})
      DELETE r
      """;

  static final String DELETE_INPUT_EDGES = DELETE_EDGES_TEMPLATE.formatted("INPUT");
  static final String DELETE_OUTPUT_EDGES = DELETE_EDGES_TEMPLATE.formatted("OUTPUT");

  static final String DELETE_NODES =
      """
      UNWIND $keys AS key
      MATCH (n:Node {key: key})
      DETACH DELETE n
      """;

  // Edges before nodes, a batch at a time: deleting a popular dataset with its tens of thousands of
  // edges in one transaction would exceed a bounded transaction memory (the embedded Neo4j's).
  static final String DELETE_SOME_EDGES =
      """
      MATCH (:Node)-[r]->()
      WITH r LIMIT $limit
      DELETE r
      RETURN count(*) AS deleted
      """;

  static final String DELETE_SOME_NODES =
      """
      MATCH (n:Node)
      WITH n LIMIT $limit
      DETACH DELETE n
      RETURN count(*) AS deleted
      """;

  static final String NODES_BY_KEY =
      """
      UNWIND $keys AS key
      MATCH (n:Node {key: key})
      RETURN n
      """;

  static final String EXPAND_DOWNSTREAM =
      """
      UNWIND $keys AS key
      MATCH (:Node {key: key})-[r:INPUT|OUTPUT]->(m:Node)
      RETURN key AS origin, r.time AS time, m AS neighbour
      """;

  static final String EXPAND_UPSTREAM =
      """
      UNWIND $keys AS key
      MATCH (:Node {key: key})<-[r:INPUT|OUTPUT]-(m:Node)
      RETURN key AS origin, r.time AS time, m AS neighbour
      """;

  // Per end, scan whichever side is smaller: its own relationships, or the relationships of the
  // other ends (comparing keys, so that the planner cannot turn it back into a scan of the big
  // side). A hub dataset with 500,000 readers then costs a few lookups, not a scan of its edges.
  static final String EDGES_BETWEEN =
      """
      UNWIND $keys AS key
      MATCH (n:Node {key: key})
      CALL {
        WITH n
        WITH n WHERE COUNT { (n)-[:INPUT|OUTPUT]-() } <= size($otherKeys)
        MATCH (n)-[r:INPUT|OUTPUT]-(m:Node)
        WHERE m.key IN $otherKeys
        RETURN r
        UNION
        WITH n
        WITH n WHERE COUNT { (n)-[:INPUT|OUTPUT]-() } > size($otherKeys)
        UNWIND $otherKeys AS otherKey
        WITH n, otherKey
        WHERE otherKey <> n.key
        MATCH (m:Node {key: otherKey})-[r:INPUT|OUTPUT]-(end:Node)
        WITH n, r, end.key AS endKey
        WHERE endKey = n.key
        RETURN r
      }
      RETURN startNode(r).key AS from, endNode(r).key AS to, r.time AS time
      """;

  // The length filter sits after WITH: inside the MATCH it would make Neo4j fall back to an
  // exhaustive search. Paths sort by their nodes' (kind, id) pairs, i.e. by node key order.
  private static final String SHORTEST_PATHS_TEMPLATE =
      """
      MATCH (a:Node {key: $from}), (b:Node {key: $to})
      MATCH p = allShortestPaths((a)%s(b))
      WITH p
      WHERE length(p) <= $maxHops
      WITH p
      ORDER BY [n IN nodes(p) | [CASE WHEN n:Artifact THEN 0 ELSE 1 END, n.id]]
      LIMIT $limit
      RETURN nodes(p) AS nodes,
             [r IN relationships(p) | {from: startNode(r).key, to: endNode(r).key, time: r.time}]
               AS edges
      """;

  static final String SHORTEST_PATHS_DOWNSTREAM =
      SHORTEST_PATHS_TEMPLATE.formatted("-[:INPUT|OUTPUT*]->");
  static final String SHORTEST_PATHS_UPSTREAM =
      SHORTEST_PATHS_TEMPLATE.formatted("<-[:INPUT|OUTPUT*]-");

  static final String COUNT_NODES =
      """
      MATCH (n:Node)
      WHERE $workspaceId IS NULL OR n.workspaceId = $workspaceId
      RETURN n:Artifact AS artifact, n.typeName AS typeName, count(*) AS count
      """;

  // An edge counts for the workspace of its execution, which recorded it.
  static final String COUNT_EDGES =
      """
      MATCH (x:Execution)-[r:INPUT|OUTPUT]-(:Artifact)
      WHERE $workspaceId IS NULL OR x.workspaceId = $workspaceId
      RETURN type(r) AS type, count(*) AS count
      """;

  private static final String NODE_PAGE_TEMPLATE =
      """
      MATCH (n:%s)
      WHERE n.id > $afterId AND ($workspaceId IS NULL OR n.workspaceId = $workspaceId)
      RETURN n
      ORDER BY n.id
      LIMIT $limit
      """;

  static final String ARTIFACT_PAGE = NODE_PAGE_TEMPLATE.formatted("Artifact");
  static final String EXECUTION_PAGE = NODE_PAGE_TEMPLATE.formatted("Execution");

  // The last placeholder names the execution end, whose workspace the edge counts for.
  private static final String EDGE_PAGE_TEMPLATE =
      """
      MATCH (a:%s)-[r:%s]->(b:%s)
      WHERE (a.id > $afterFromId OR (a.id = $afterFromId AND b.id > $afterToId))
        AND ($workspaceId IS NULL OR %s.workspaceId = $workspaceId)
      RETURN a.key AS from, b.key AS to, r.time AS time
      ORDER BY a.id, b.id
      LIMIT $limit
      """;

  static final String INPUT_EDGE_PAGE =
      EDGE_PAGE_TEMPLATE.formatted("Artifact", "INPUT", "Execution", "b");
  static final String OUTPUT_EDGE_PAGE =
      EDGE_PAGE_TEMPLATE.formatted("Execution", "OUTPUT", "Artifact", "a");
}

package io.mlmeta.graph.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NamedSqlTest {

  @Test
  void namedParametersBecomePlaceholdersButCastsLiteralsAndCommentsDoNot() {
    NamedSql sql =
        NamedSql.parse(
            "test",
            "select ':notParam', x::text -- :comment\nfrom t where a = any(:ids::bigint[]) and b = :b");
    assertEquals(
        "select ':notParam', x::text \nfrom t where a = any(?::bigint[]) and b = ?", sql.jdbcSql());
  }

  @Test
  void everyResourceStatementLoads() {
    for (String file :
        new String[] {
          "traverse.sql",
          "expand.sql",
          "nodes.sql",
          "edges-between.sql",
          "type-ids.sql",
          "node-counts.sql",
          "edge-counts.sql",
          "artifact-page.sql",
          "execution-page.sql",
          "input-edge-page.sql",
          "output-edge-page.sql"
        }) {
      assertEquals(false, NamedSql.load(file).jdbcSql().contains(":workspaceId"), file);
    }
  }
}

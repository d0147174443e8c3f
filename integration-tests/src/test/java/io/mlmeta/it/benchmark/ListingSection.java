package io.mlmeta.it.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlmeta.it.support.GraphQlClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Filtered, paged artifact listing through GraphQL: page 1 against a deep page (page 1,000, or the
 * last one at small scales), whose cursor is fetched first by walking the pages.
 */
final class ListingSection {

  static final int PAGE_SIZE = 100;
  static final int DEEP_PAGE = 1_000;

  private static final String PAGE =
      """
      query($workspace: String!, $type: String, $after: String, $first: Int) {
        artifacts(workspace: $workspace, filter: {type: $type}, first: $first, after: $after) {
          nodes { id name uri properties }
          pageInfo { endCursor hasNextPage }
        }
      }
      """;

  private static final String CURSORS =
      """
      query($workspace: String!, $type: String, $after: String, $first: Int) {
        artifacts(workspace: $workspace, filter: {type: $type}, first: $first, after: $after) {
          pageInfo { endCursor hasNextPage }
        }
      }
      """;

  /** Page 1 and the deep page's timings. */
  record Result(String type, int deepPage, Samples first, Samples deep) {}

  private final GraphQlClient graphql;

  ListingSection(GraphQlClient graphql) {
    this.graphql = graphql;
  }

  Result run(String workspace, String type, int rounds) {
    String cursor = null;
    int page = 1;
    // The cursor that starts page `page`: walk there fetching only the page info.
    while (page < DEEP_PAGE) {
      JsonNode info = page(CURSORS, workspace, type, cursor).get("pageInfo");
      if (!info.get("hasNextPage").asBoolean()) {
        break;
      }
      cursor = info.get("endCursor").asText();
      page++;
    }
    Samples first = new Samples();
    Samples deep = new Samples();
    for (int warmup = 0; warmup < 5; warmup++) {
      page(PAGE, workspace, type, null);
      page(PAGE, workspace, type, cursor);
    }
    for (int round = 0; round < rounds; round++) {
      long t = System.nanoTime();
      page(PAGE, workspace, type, null);
      first.add(System.nanoTime() - t);
      t = System.nanoTime();
      page(PAGE, workspace, type, cursor);
      deep.add(System.nanoTime() - t);
    }
    return new Result(type, page, first, deep);
  }

  private JsonNode page(String query, String workspace, String type, String after) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("workspace", workspace);
    variables.put("type", type);
    variables.put("first", PAGE_SIZE);
    if (after != null) {
      variables.put("after", after);
    }
    JsonNode response = graphql.post(query, variables);
    if (response.hasNonNull("errors")) {
      throw new IllegalStateException("GraphQL errors: " + response.get("errors"));
    }
    return response.get("data").get("artifacts");
  }
}

package io.mlmeta.server.store.jpa;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the WHERE clause of a keyset-paginated list query. Values are always bound as parameters;
 * only fixed SQL fragments written in this package are concatenated.
 */
final class SqlWhere {

  private final List<String> clauses = new ArrayList<>();
  private final Map<String, Object> parameters = new LinkedHashMap<>();

  SqlWhere add(String clause, String parameter, Object value) {
    clauses.add(clause);
    parameters.put(parameter, value instanceof Instant instant ? utc(instant) : value);
    return this;
  }

  /** A fixed clause without a parameter of its own. */
  SqlWhere addClause(String clause) {
    clauses.add(clause);
    return this;
  }

  /** A parameter that clauses added elsewhere refer to. */
  SqlWhere bindOnly(String parameter, Object value) {
    parameters.put(parameter, value instanceof Instant instant ? utc(instant) : value);
    return this;
  }

  SqlWhere addIfPresent(String clause, String parameter, Object value) {
    return value == null ? this : add(clause, parameter, value);
  }

  /**
   * The filters every typed list offers: labels and properties by JSON containment (served by the
   * GIN indexes), creation time range and external id.
   *
   * @param labelsColumn the JSONB expression the labels document must be contained in
   * @param labels the labels document, already shaped for {@code labelsColumn}, or null
   */
  SqlWhere typedFilters(
      String alias,
      String labelsColumn,
      Object labels,
      ObjectNode propertiesContain,
      Instant createdAfter,
      Instant createdBefore,
      String externalId) {
    return addIfPresent(
            labelsColumn + " @> cast(:labels as jsonb)",
            "labels",
            labels == null ? null : JsonColumns.write(labels))
        .addIfPresent(
            alias + ".properties @> cast(:contain as jsonb)",
            "contain",
            propertiesContain == null || propertiesContain.isEmpty()
                ? null
                : JsonColumns.write(propertiesContain))
        .addIfPresent(alias + ".create_time > :createdAfter", "createdAfter", createdAfter)
        .addIfPresent(alias + ".create_time < :createdBefore", "createdBefore", createdBefore)
        .addIfPresent(alias + ".external_id = :externalId", "externalId", externalId);
  }

  String sql() {
    return String.join(" and ", clauses);
  }

  void bind(Query query) {
    parameters.forEach(query::setParameter);
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}

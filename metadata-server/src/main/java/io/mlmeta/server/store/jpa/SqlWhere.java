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
import org.jspecify.annotations.Nullable;

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

  /**
   * Filters on a type and returns the ORDER BY that walks the (workspace, type, id) index in id
   * order. Written as {@code = any(array)} on purpose: with a plain {@code =} PostgreSQL treats the
   * type as a constant, orders by id alone and may walk the primary key instead, filtering out
   * every row of other types until it meets the first of this one (measured: 90 ms instead of 1 ms
   * for page 1 of the Metrics of a million-node workspace, whose first Metrics come late).
   */
  String typeOrder(String alias, @Nullable Long typeId) {
    if (typeId == null) {
      return alias + ".id";
    }
    add(alias + ".type_id = any(cast(:type as bigint[]))", "type", new Long[] {typeId});
    return alias + ".type_id, " + alias + ".id";
  }

  SqlWhere addIfPresent(String clause, String parameter, @Nullable Object value) {
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
      @Nullable Object labels,
      @Nullable ObjectNode propertiesContain,
      @Nullable Instant createdAfter,
      @Nullable Instant createdBefore,
      @Nullable String externalId) {
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

package io.mlmeta.server.outbox;

import io.mlmeta.server.store.NativeColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The outbox in PostgreSQL: {@code lineage_outbox} rows and the {@code lineage_mirror} checkpoint.
 */
@ApplicationScoped
class JpaOutboxStore implements OutboxStore {

  /** Key of the transaction-scoped advisory lock that serialises appends until commit. */
  private static final long APPEND_LOCK = 0x6d6c6d657461L;

  @Inject EntityManager em;
  @Inject DataSource dataSource;

  @Override
  public long append(LineageChanges changes) {
    return appendAll(List.of(changes));
  }

  @Override
  @SuppressWarnings("unchecked")
  public long appendAll(List<LineageChanges> changes) {
    em.flush();
    // The sort reads every row, and so takes the lock, before the first insert; positions are then
    // assigned in list order. One round trip for the lock and all rows.
    List<Object> positions =
        em.createNativeQuery(
                "insert into lineage_outbox (workspace_id, payload)"
                    + " select w, cast(p as jsonb) from (select pg_advisory_xact_lock(?3)) as locked,"
                    + " unnest(cast(?1 as bigint[]), cast(?2 as text[])) with ordinality as x(w, p, o)"
                    + " order by o returning position")
            .setParameter(1, changes.stream().map(LineageChanges::workspaceId).toArray(Long[]::new))
            .setParameter(2, changes.stream().map(OutboxPayload::write).toArray(String[]::new))
            .setParameter(3, APPEND_LOCK)
            .getResultList();
    return positions.stream().mapToLong(p -> ((Number) p).longValue()).max().orElseThrow();
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Entry> readAfter(long position, int limit) {
    List<Object[]> rows =
        em.createNativeQuery(
                "select position, payload::text, created_at from lineage_outbox"
                    + " where position > ?1 order by position limit ?2")
            .setParameter(1, position)
            .setParameter(2, limit)
            .getResultList();
    List<Entry> entries = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      long at = ((Number) row[0]).longValue();
      entries.add(new Entry(at, read(at, (String) row[1]), NativeColumns.instant(row[2])));
    }
    return entries;
  }

  /**
   * Read on every lineage query, so it skips the ORM and needs no transaction: one statement on a
   * pooled connection (enlisted in the caller's transaction if there is one).
   */
  @Override
  public Positions positions() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "select m.position, coalesce((select max(position) from lineage_outbox), 0)"
                    + " from lineage_mirror m where m.id = 1");
        ResultSet row = statement.executeQuery()) {
      row.next();
      return new Positions(row.getLong(1), row.getLong(2));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the lineage outbox positions", e);
    }
  }

  @Override
  public void advanceMirror(long position) {
    em.createNativeQuery(
            "update lineage_mirror set position = greatest(position, ?1), updated_at = now()"
                + " where id = 1")
        .setParameter(1, position)
        .executeUpdate();
  }

  @Override
  public void resetMirror(long position) {
    em.createNativeQuery(
            "update lineage_mirror set position = ?1, updated_at = now(), rebuilt_at = now()"
                + " where id = 1")
        .setParameter(1, position)
        .executeUpdate();
  }

  @Override
  @SuppressWarnings("unchecked")
  public Optional<Instant> oldestUnmirrored() {
    List<Object> found =
        em.createNativeQuery(
                "select o.created_at from lineage_outbox o, lineage_mirror m"
                    + " where m.id = 1 and o.position > m.position order by o.position limit 1")
            .getResultList();
    return found.stream().findFirst().map(NativeColumns::instant);
  }

  private static LineageChanges read(long position, String json) {
    try {
      return OutboxPayload.read(json);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("outbox row " + position + ": " + e.getMessage(), e);
    }
  }
}

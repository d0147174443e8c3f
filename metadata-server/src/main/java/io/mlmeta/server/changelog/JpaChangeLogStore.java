package io.mlmeta.server.changelog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlmeta.server.domain.ChangeRecord;
import io.mlmeta.server.store.NativeColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

@ApplicationScoped
class JpaChangeLogStore implements ChangeLogStore {

  /** Key of the transaction-scoped advisory lock that lets one sealer of all replicas run. */
  private static final long SEAL_LOCK = 0x6d6c6d6574614cL;

  private static final String ENTRY_COLUMNS =
      "l.sequence, l.recorded_at, l.transaction_id::text, l.principal, l.request_id, l.operation,"
          + " l.entity, l.entity_keys::text, l.workspace_id, l.old_digest, l.new_digest";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject EntityManager em;

  @Override
  public boolean trySealLock() {
    return (Boolean)
        em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
            .setParameter(1, SEAL_LOCK)
            .getSingleResult();
  }

  @Override
  @SuppressWarnings("unchecked")
  public Optional<Head> head() {
    List<Object[]> rows =
        em.createNativeQuery(
                "select position, entry_hash, sealed_below::text from change_log_chain"
                    + " order by position desc limit 1")
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(r -> new Head(((Number) r[0]).longValue(), (byte[]) r[1], (String) r[2]));
  }

  @Override
  public String oldestRunningTransaction() {
    return (String)
        em.createNativeQuery("select pg_snapshot_xmin(pg_current_snapshot())::text")
            .getSingleResult();
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<ChangeEntry> entriesOfTransactions(String from, String below, int limit) {
    List<Object[]> rows =
        em.createNativeQuery(
                "select "
                    + ENTRY_COLUMNS
                    + " from change_log l where l.transaction_id >= cast(?1 as xid8)"
                    + " and l.transaction_id < cast(?2 as xid8)"
                    + " order by l.transaction_id, l.sequence limit ?3")
            .setParameter(1, from)
            .setParameter(2, below)
            .setParameter(3, limit)
            .getResultList();
    List<ChangeEntry> entries = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      entries.add(entry(row, 0));
    }
    return entries;
  }

  @Override
  public void appendLinks(List<Link> links, String sealedBelow) {
    if (links.isEmpty()) {
      return;
    }
    em.createNativeQuery(
            "insert into change_log_chain (position, sequence, entry_hash, sealed_below)"
                + " select p, s, h, cast(?4 as xid8) from unnest(cast(?1 as bigint[]),"
                + " cast(?2 as bigint[]), cast(?3 as bytea[])) as x(p, s, h)")
        .setParameter(1, links.stream().map(Link::position).toArray(Long[]::new))
        .setParameter(2, links.stream().map(Link::sequence).toArray(Long[]::new))
        .setParameter(3, links.stream().map(Link::hash).toArray(byte[][]::new))
        .setParameter(4, sealedBelow)
        .executeUpdate();
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Link> linksAfter(long position, int limit) {
    List<Object[]> rows =
        em.createNativeQuery(
                "select c.position, c.sequence, c.entry_hash, "
                    + ENTRY_COLUMNS
                    + " from change_log_chain c left join change_log l on l.sequence = c.sequence"
                    + " where c.position > ?1 order by c.position limit ?2")
            .setParameter(1, position)
            .setParameter(2, limit)
            .getResultList();
    List<Link> links = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      links.add(
          new Link(
              ((Number) row[0]).longValue(),
              ((Number) row[1]).longValue(),
              (byte[]) row[2],
              row[3] == null ? null : entry(row, 3)));
    }
    return links;
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<ChangeRecord> history(
      @Nullable String entity,
      @Nullable String entityKey,
      @Nullable Long workspaceId,
      long beforeSequence,
      int limit) {
    String where =
        entity != null
            ? "l.entity = ?3 and l.entity_keys @> array[cast(?4 as text)]"
            : "l.workspace_id = ?3";
    var query =
        em.createNativeQuery(
                "select "
                    + ENTRY_COLUMNS
                    + ", c.position, array_to_json(l.entity_keys)::text from change_log l"
                    + " left join change_log_chain c on c.sequence = l.sequence where "
                    + where
                    + " and l.sequence < ?1 order by l.sequence desc limit ?2")
            .setParameter(1, beforeSequence)
            .setParameter(2, limit);
    if (entity != null) {
      query.setParameter(3, entity).setParameter(4, entityKey);
    } else {
      query.setParameter(3, workspaceId);
    }
    List<Object[]> rows = query.getResultList();
    List<ChangeRecord> records = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      ChangeEntry e = entry(row, 0);
      records.add(
          new ChangeRecord(
              e.sequence(),
              e.recordedAt(),
              e.principal(),
              e.requestId(),
              e.operation(),
              e.entity(),
              keys((String) row[12]),
              e.workspaceId(),
              ChainHash.hex(e.oldDigest()),
              ChainHash.hex(e.newDigest()),
              row[11] == null ? null : ((Number) row[11]).longValue()));
    }
    return records;
  }

  @Override
  public long unsealedCount() {
    return ((Number)
            em.createNativeQuery(
                    "select count(*) from change_log l where not exists"
                        + " (select 1 from change_log_chain c where c.sequence = l.sequence)")
                .getSingleResult())
        .longValue();
  }

  private static List<String> keys(String json) {
    try {
      return List.of(JSON.readValue(json, String[].class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable change-log keys: " + json, e);
    }
  }

  private static ChangeEntry entry(Object[] row, int at) {
    return new ChangeEntry(
        ((Number) row[at]).longValue(),
        NativeColumns.instant(row[at + 1]),
        (String) row[at + 2],
        (String) row[at + 3],
        (String) row[at + 4],
        (String) row[at + 5],
        (String) row[at + 6],
        (String) row[at + 7],
        row[at + 8] == null ? null : ((Number) row[at + 8]).longValue(),
        (byte[]) row[at + 9],
        (byte[]) row[at + 10]);
  }
}

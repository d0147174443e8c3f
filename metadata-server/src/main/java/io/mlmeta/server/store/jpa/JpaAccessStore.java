package io.mlmeta.server.store.jpa;

import io.mlmeta.server.domain.ApiToken;
import io.mlmeta.server.domain.Grant;
import io.mlmeta.server.domain.WorkspaceRole;
import io.mlmeta.server.identity.Grantee;
import io.mlmeta.server.identity.Role;
import io.mlmeta.server.store.AccessStore;
import io.mlmeta.server.store.NativeColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Grants and tokens in plain SQL: small tables read by key, no entity state worth managing. */
@ApplicationScoped
public class JpaAccessStore implements AccessStore {

  private static final String TOKEN_COLUMNS =
      "t.id, t.name, t.admin, t.created_by, t.create_time, t.expire_time, t.revoke_time,"
          + " t.revoked_by";

  @Inject EntityManager em;

  @Override
  public Map<Long, Role> rolesOf(Set<Grantee> grantees) {
    if (grantees.isEmpty()) {
      return Map.of();
    }
    String[] kinds = grantees.stream().map(g -> g.kind().name()).toArray(String[]::new);
    String[] names = grantees.stream().map(Grantee::name).toArray(String[]::new);
    List<?> rows =
        em.createNativeQuery(
                "select g.workspace_id, g.role from workspace_grant g"
                    + " join unnest(cast(?1 as text[]), cast(?2 as text[])) as c(kind, name)"
                    + " on g.grantee_kind = c.kind and g.grantee = c.name")
            .setParameter(1, kinds)
            .setParameter(2, names)
            .getResultList();
    Map<Long, Role> roles = new HashMap<>();
    for (Object row : rows) {
      Object[] columns = (Object[]) row;
      roles.merge(
          ((Number) columns[0]).longValue(), Role.valueOf((String) columns[1]), Role::strongest);
    }
    return roles;
  }

  @Override
  public Grant grant(long workspaceId, Grantee grantee, Role role, String grantedBy, Instant now) {
    em.createNativeQuery(
            "insert into workspace_grant"
                + " (workspace_id, grantee_kind, grantee, role, granted_by, grant_time)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6)"
                + " on conflict (workspace_id, grantee_kind, grantee) do update"
                + " set role = excluded.role, granted_by = excluded.granted_by,"
                + " grant_time = excluded.grant_time")
        .setParameter(1, workspaceId)
        .setParameter(2, grantee.kind().name())
        .setParameter(3, grantee.name())
        .setParameter(4, role.name())
        .setParameter(5, grantedBy)
        .setParameter(6, SqlColumns.utc(now))
        .executeUpdate();
    return grants(workspaceId).stream()
        .filter(g -> g.grantee().equals(grantee))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the grant just written is missing"));
  }

  @Override
  public boolean revoke(long workspaceId, Grantee grantee) {
    return em.createNativeQuery(
                "delete from workspace_grant"
                    + " where workspace_id = ?1 and grantee_kind = ?2 and grantee = ?3")
            .setParameter(1, workspaceId)
            .setParameter(2, grantee.kind().name())
            .setParameter(3, grantee.name())
            .executeUpdate()
        > 0;
  }

  @Override
  public List<Grant> grants(long workspaceId) {
    List<?> rows =
        em.createNativeQuery(
                "select w.name, g.grantee_kind, g.grantee, g.role, g.granted_by, g.grant_time"
                    + " from workspace_grant g join workspace w on w.id = g.workspace_id"
                    + " where g.workspace_id = ?1 order by g.grantee_kind, g.grantee")
            .setParameter(1, workspaceId)
            .getResultList();
    List<Grant> grants = new ArrayList<>(rows.size());
    for (Object row : rows) {
      Object[] c = (Object[]) row;
      grants.add(
          new Grant(
              (String) c[0],
              new Grantee(Grantee.Kind.valueOf((String) c[1]), (String) c[2]),
              Role.valueOf((String) c[3]),
              (String) c[4],
              NativeColumns.instant(c[5])));
    }
    return grants;
  }

  @Override
  public int ownerCount(long workspaceId) {
    return ((Number)
            em.createNativeQuery(
                    "select count(*) from workspace_grant where workspace_id = ?1"
                        + " and role = 'OWNER'")
                .setParameter(1, workspaceId)
                .getSingleResult())
        .intValue();
  }

  @Override
  public void insertToken(
      String id,
      String name,
      byte[] salt,
      byte[] secretHash,
      boolean admin,
      String createdBy,
      Instant now,
      @Nullable Instant expireTime) {
    em.createNativeQuery(
            "insert into api_token"
                + " (id, name, salt, secret_hash, admin, created_by, create_time, expire_time)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .setParameter(1, id)
        .setParameter(2, name)
        .setParameter(3, salt)
        .setParameter(4, secretHash)
        .setParameter(5, admin)
        .setParameter(6, createdBy)
        .setParameter(7, SqlColumns.utc(now))
        .setParameter(8, expireTime == null ? null : SqlColumns.utc(expireTime))
        .executeUpdate();
  }

  @Override
  public Optional<StoredToken> findToken(String id) {
    List<?> rows =
        em.createNativeQuery(
                "select "
                    + TOKEN_COLUMNS
                    + ", t.salt, t.secret_hash from api_token t where t.id = ?1")
            .setParameter(1, id)
            .getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Object[] c = (Object[]) rows.get(0);
    List<Object[]> one = new ArrayList<>();
    one.add(c);
    ApiToken token = withScopes(one).get(0);
    return Optional.of(new StoredToken(token, (byte[]) c[8], (byte[]) c[9]));
  }

  @Override
  public List<ApiToken> tokens(
      @Nullable String createdBy, String afterId, int limit, @Nullable Instant activeAt) {
    StringBuilder sql =
        new StringBuilder("select " + TOKEN_COLUMNS + " from api_token t where t.id > :after");
    if (createdBy != null) {
      sql.append(" and t.created_by = :createdBy");
    }
    if (activeAt != null) {
      sql.append(" and t.revoke_time is null and (t.expire_time is null or t.expire_time > :now)");
    }
    sql.append(" order by t.id limit :limit");
    Query query =
        em.createNativeQuery(sql.toString())
            .setParameter("after", afterId)
            .setParameter("limit", limit);
    if (createdBy != null) {
      query.setParameter("createdBy", createdBy);
    }
    if (activeAt != null) {
      query.setParameter("now", SqlColumns.utc(activeAt));
    }
    List<Object[]> rows = new ArrayList<>();
    for (Object row : query.getResultList()) {
      rows.add((Object[]) row);
    }
    return withScopes(rows);
  }

  @Override
  public Optional<ApiToken> revokeToken(String id, String revokedBy, Instant now) {
    em.createNativeQuery(
            "update api_token set revoke_time = ?2, revoked_by = ?3"
                + " where id = ?1 and revoke_time is null")
        .setParameter(1, id)
        .setParameter(2, SqlColumns.utc(now))
        .setParameter(3, revokedBy)
        .executeUpdate();
    return findToken(id).map(StoredToken::token);
  }

  /** Tokens from their rows, with every token's grants read in one query. */
  private List<ApiToken> withScopes(List<Object[]> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    String[] ids = rows.stream().map(c -> (String) c[0]).toArray(String[]::new);
    Map<String, List<WorkspaceRole>> scopes = new HashMap<>();
    for (Object row :
        em.createNativeQuery(
                "select g.grantee, w.name, g.role from workspace_grant g"
                    + " join workspace w on w.id = g.workspace_id"
                    + " where g.grantee_kind = 'TOKEN' and g.grantee = any(cast(?1 as text[]))"
                    + " order by w.name")
            .setParameter(1, ids)
            .getResultList()) {
      Object[] c = (Object[]) row;
      scopes
          .computeIfAbsent((String) c[0], id -> new ArrayList<>())
          .add(new WorkspaceRole((String) c[1], Role.valueOf((String) c[2])));
    }
    List<ApiToken> tokens = new ArrayList<>(rows.size());
    for (Object[] c : rows) {
      String id = (String) c[0];
      tokens.add(
          new ApiToken(
              id,
              (String) c[1],
              (Boolean) c[2],
              scopes.getOrDefault(id, List.of()),
              (String) c[3],
              NativeColumns.instant(c[4]),
              c[5] == null ? null : NativeColumns.instant(c[5]),
              c[6] == null ? null : NativeColumns.instant(c[6]),
              (String) c[7]));
    }
    return tokens;
  }
}

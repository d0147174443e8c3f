package io.mlmeta.server.store.jpa;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;
import org.jspecify.annotations.Nullable;

/** Columns every typed row has: artifacts, executions and contexts. */
@MappedSuperclass
public abstract class TypedEntity extends PanacheEntityBase {

  @Column(name = "workspace_id")
  public long workspaceId;

  @Column(name = "type_id")
  public long typeId;

  @Column(name = "external_id")
  public @Nullable String externalId;

  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String properties;

  @Column(name = "create_time")
  public Instant createTime;

  @Column(name = "update_time")
  public Instant updateTime;
}

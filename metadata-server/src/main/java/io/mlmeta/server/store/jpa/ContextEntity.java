package io.mlmeta.server.store.jpa;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

@Entity
@Table(name = "context")
public class ContextEntity extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "context_seq")
  @SequenceGenerator(name = "context_seq", sequenceName = "context_seq", allocationSize = 50)
  public Long id;

  @Column(name = "workspace_id")
  public long workspaceId;

  @Column(name = "type_id")
  public long typeId;

  @Column(name = "external_id")
  public String externalId;

  public String name;
  public String description;

  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String labels;

  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String properties;

  @Column(name = "create_time")
  public Instant createTime;

  @Column(name = "update_time")
  public Instant updateTime;
}

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

/** The uri, name and version columns are generated from properties and not mapped here. */
@Entity
@Table(name = "artifact")
public class ArtifactEntity extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "artifact_seq")
  @SequenceGenerator(name = "artifact_seq", sequenceName = "artifact_seq", allocationSize = 50)
  public Long id;

  @Column(name = "workspace_id")
  public long workspaceId;

  @Column(name = "type_id")
  public long typeId;

  @Column(name = "external_id")
  public String externalId;

  public String state;

  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String properties;

  public String digest;

  @Column(name = "create_time")
  public Instant createTime;

  @Column(name = "update_time")
  public Instant updateTime;
}

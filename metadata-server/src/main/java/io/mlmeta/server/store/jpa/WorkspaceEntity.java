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
@Table(name = "workspace")
public class WorkspaceEntity extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "workspace_seq")
  @SequenceGenerator(name = "workspace_seq", sequenceName = "workspace_seq", allocationSize = 50)
  public Long id;

  public String name;
  public String description;

  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String labels;

  @Column(name = "create_time")
  public Instant createTime;

  @Column(name = "update_time")
  public Instant updateTime;
}

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
@Table(name = "execution")
public class ExecutionEntity extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "execution_seq")
  @SequenceGenerator(name = "execution_seq", sequenceName = "execution_seq", allocationSize = 50)
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

  public String state;

  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String properties;

  @Column(name = "error_message")
  public String errorMessage;

  @Column(name = "start_time")
  public Instant startTime;

  @Column(name = "end_time")
  public Instant endTime;

  @Column(name = "create_time")
  public Instant createTime;

  @Column(name = "update_time")
  public Instant updateTime;
}

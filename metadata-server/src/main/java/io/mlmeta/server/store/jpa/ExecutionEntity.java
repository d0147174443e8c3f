package io.mlmeta.server.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "execution")
public class ExecutionEntity extends TypedEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "execution_seq")
  @SequenceGenerator(name = "execution_seq", sequenceName = "execution_seq", allocationSize = 1000)
  public Long id;

  public String name;
  public String description;

  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String labels;

  public String state;

  @Column(name = "error_message")
  public @Nullable String errorMessage;

  @Column(name = "start_time")
  public @Nullable Instant startTime;

  @Column(name = "end_time")
  public @Nullable Instant endTime;
}

package io.mlmeta.server.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

@Entity
@Table(name = "context")
public class ContextEntity extends TypedEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "context_seq")
  @SequenceGenerator(name = "context_seq", sequenceName = "context_seq", allocationSize = 50)
  public Long id;

  public String name;
  public String description;

  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String labels;
}

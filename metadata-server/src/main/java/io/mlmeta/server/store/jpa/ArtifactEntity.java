package io.mlmeta.server.store.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** The uri, name and version columns are generated from properties and not mapped here. */
@Entity
@Table(name = "artifact")
public class ArtifactEntity extends TypedEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "artifact_seq")
  @SequenceGenerator(name = "artifact_seq", sequenceName = "artifact_seq", allocationSize = 1000)
  public Long id;

  public String state;

  public @Nullable String digest;
}

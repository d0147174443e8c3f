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
@Table(name = "metadata_type")
public class TypeEntity extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "metadata_type_seq")
  @SequenceGenerator(
      name = "metadata_type_seq",
      sequenceName = "metadata_type_seq",
      allocationSize = 50)
  public Long id;

  public String kind;
  public String name;
  public int version;
  public String description;

  @Column(name = "properties_schema", columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String propertiesSchema;

  public boolean builtin;

  @Column(name = "create_time")
  public Instant createTime;

  @Column(name = "update_time")
  public Instant updateTime;
}

package io.mlmeta.server.api.graphql.model;

import io.mlmeta.server.domain.MetadataType;
import io.mlmeta.server.domain.TypeKind;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("MetadataType")
@Description("An artifact, execution or context type with the JSON Schema of its properties.")
public record TypeView(
    @Id @NonNull String id,
    @NonNull TypeKind kind,
    @NonNull String name,
    @Description("Incremented by every compatible evolution; starts at 1.") int version,
    @NonNull String description,
    @Description("JSON Schema (draft 2020-12) of instance properties, as JSON text.") @NonNull
        String propertiesSchema,
    boolean builtin,
    @NonNull Instant createTime,
    @NonNull Instant updateTime) {

  public static TypeView from(MetadataType t) {
    return new TypeView(
        String.valueOf(t.id()),
        t.kind(),
        t.name(),
        t.version(),
        t.description(),
        Json.write(t.propertiesSchema()),
        t.builtin(),
        t.createTime(),
        t.updateTime());
  }
}

package io.mlmeta.server.api.graphql.model;

import io.mlmeta.server.domain.Artifact;
import io.mlmeta.server.domain.ArtifactState;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;

@Name("Artifact")
@Description("A data set, model, metrics or other typed artifact.")
public record ArtifactView(
    @Id @NonNull String id,
    @NonNull String workspace,
    @NonNull String type,
    @Nullable String externalId,
    @Nullable String uri,
    @Nullable String name,
    @Nullable String version,
    @NonNull ArtifactState state,
    @Description("Every field of the artifact's type, as a JSON object text.") @NonNull
        String properties,
    @Nullable String digest,
    @NonNull Instant createTime,
    @NonNull Instant updateTime) {

  public static ArtifactView from(Artifact a) {
    return new ArtifactView(
        String.valueOf(a.id()),
        a.workspace(),
        a.type(),
        a.externalId(),
        a.uri(),
        a.name(),
        a.version(),
        a.state(),
        Json.write(a.properties()),
        a.digest(),
        a.createTime(),
        a.updateTime());
  }
}

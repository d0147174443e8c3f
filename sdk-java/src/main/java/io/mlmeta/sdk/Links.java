package io.mlmeta.sdk;

import io.mlmeta.proto.v1.ArtifactLink;
import io.mlmeta.proto.v1.ContextLink;
import io.mlmeta.sdk.grpc.Protos;
import io.mlmeta.sdk.model.Artifact;
import io.mlmeta.sdk.model.DataSet;
import io.mlmeta.sdk.model.Model;
import java.util.UUID;

/** Request pieces shared by single and batched execution writes. */
final class Links {

  private Links() {}

  /** A fresh idempotency key. */
  static String newExternalId() {
    return "sdk-" + UUID.randomUUID();
  }

  /**
   * A link to a saved artifact by id, or to a new one carrying its idempotency key (generated here,
   * once, so that every retry of the request sends the same one). Data sets and models are
   * de-duplicated by workspace, type, uri, name and version, as Kubeflow Metadata does.
   */
  static ArtifactLink artifact(Artifact artifact) {
    if (artifact.isSaved()) {
      return ArtifactLink.newBuilder().setArtifactId(artifact.id()).build();
    }
    String externalId = artifact.externalId() != null ? artifact.externalId() : newExternalId();
    return ArtifactLink.newBuilder()
        .setNewArtifact(Protos.spec(artifact, externalId))
        .setReuseIfExists(artifact instanceof DataSet || artifact instanceof Model)
        .build();
  }

  /**
   * What a write stored for an artifact linked with {@link #artifact}: the artifact itself when it
   * went by id (a compact response holds only that id), otherwise the server's record of it.
   */
  @SuppressWarnings("unchecked")
  static <T extends Artifact> T stored(T sent, io.mlmeta.proto.v1.Artifact returned) {
    return sent.isSaved() ? sent : (T) Protos.artifact(returned, sent.getClass());
  }

  /** A link to a run by id. */
  static ContextLink run(Run run) {
    return ContextLink.newBuilder().setContextId(run.id()).build();
  }
}

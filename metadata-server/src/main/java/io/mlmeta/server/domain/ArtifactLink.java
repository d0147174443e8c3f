package io.mlmeta.server.domain;

import org.jspecify.annotations.Nullable;

/**
 * An artifact an execution read or wrote: an existing one ({@code artifactId}) or a new one. With
 * {@code reuseIfExists} a new artifact equal by workspace, type, uri, name and version to an
 * existing one is not created again (Kubeflow Metadata's de-duplication).
 */
public record ArtifactLink(
    @Nullable Long artifactId, @Nullable ArtifactSpec newArtifact, boolean reuseIfExists) {

  public static ArtifactLink existing(long id) {
    return new ArtifactLink(id, null, false);
  }

  public static ArtifactLink create(ArtifactSpec spec) {
    return new ArtifactLink(null, spec, false);
  }
}

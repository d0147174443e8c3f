package io.mlmeta.sdk.model;

import java.util.Objects;

/**
 * The framework a {@link Model} was trained with, such as {@code ("tensorflow", "v1.0")}.
 *
 * @param name the framework's name, required
 * @param version its version, or null
 */
public record TrainingFramework(String name, String version) {

  /** Checks that the name is present. */
  public TrainingFramework {
    Objects.requireNonNull(name, "name");
  }
}

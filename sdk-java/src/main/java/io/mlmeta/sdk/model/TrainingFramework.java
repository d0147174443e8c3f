package io.mlmeta.sdk.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The framework a {@link Model} was trained with, such as {@code ("tensorflow", "v1.0")}.
 *
 * @param name the framework's name, required
 * @param version its version, or null
 */
public record TrainingFramework(String name, @Nullable String version) {

  /** Checks that the name is present. */
  public TrainingFramework {
    Objects.requireNonNull(name, "name");
  }
}

package io.mlmeta.server.domain;

import org.jspecify.annotations.Nullable;

/** A page size (0 for the default) and an optional opaque token from a previous page. */
public record PageRequest(int size, @Nullable String token) {

  public static PageRequest first(int size) {
    return new PageRequest(size, null);
  }
}

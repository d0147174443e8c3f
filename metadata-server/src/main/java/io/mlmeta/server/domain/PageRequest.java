package io.mlmeta.server.domain;

import org.jspecify.annotations.Nullable;

/** A page size (0 for the default) and an optional opaque token from a previous page. */
public record PageRequest(int size, @Nullable String token) {

  /** A null size, as GraphQL passes an explicit {@code first: null}, asks for the default. */
  public static PageRequest of(@Nullable Integer size, @Nullable String token) {
    return new PageRequest(size == null ? 0 : size, token);
  }

  public static PageRequest first(int size) {
    return new PageRequest(size, null);
  }
}

package io.mlmeta.server.support;

import java.util.UUID;

/** Unique names, so tests share one database without interfering or cleaning up. */
public final class Names {

  private Names() {}

  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}

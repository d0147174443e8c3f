package io.mlmeta.sdk.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

/**
 * The real server the {@code *IT} classes talk to: {@code MLMETA_GRPC_TARGET} ({@code host:port})
 * from a system property or the environment. Without it the tests fail.
 */
final class ServerTarget {

  static final String VARIABLE = "MLMETA_GRPC_TARGET";

  private ServerTarget() {}

  /** The target, skipping the calling test when none is configured. */
  static String require() {
    String target = System.getProperty(VARIABLE);
    if (target == null || target.isBlank()) {
      target = System.getenv(VARIABLE);
    }
    assertTrue(
        target != null && !target.isBlank(),
        VARIABLE + " is not set: these tests need a running mlmeta server (host:port)");
    return target.strip();
  }

  static String host() {
    String target = require();
    return target.substring(0, target.lastIndexOf(':'));
  }

  static int port() {
    String target = require();
    return Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
  }

  /** A name no other test run uses. */
  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }
}

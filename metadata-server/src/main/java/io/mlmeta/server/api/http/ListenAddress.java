package io.mlmeta.server.api.http;

import java.util.Locale;
import java.util.Set;

/** What the HTTP checks need to know about the address the server listens on. */
final class ListenAddress {

  /**
   * Names and literals of the loopback interface, as a Host header or a listen address gives them.
   */
  static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private ListenAddress() {}

  /** True when {@code address} (a {@code quarkus.http.host} value) is reachable only locally. */
  static boolean isLoopback(String address) {
    String value = address.trim().toLowerCase(Locale.ROOT);
    return LOOPBACK_HOSTS.contains(value) || value.startsWith("127.");
  }
}

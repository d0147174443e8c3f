package io.mlmeta.server.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Bearer tokens verified recently, and whom they named, so a client that sends the same token on
 * every call pays for its signature check once. An entry lasts until the token expires, and at most
 * {@code maxAge}: a key the issuer withdraws stops a cached token within that time. Tokens are kept
 * as SHA-256 digests, never as themselves.
 */
public final class VerifiedTokens {

  private final Clock clock;
  private final Duration maxAge;
  private final int maxEntries;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  private record Entry(Principal principal, Instant until) {}

  public VerifiedTokens(Clock clock, Duration maxAge, int maxEntries) {
    if (maxAge.isNegative() || maxEntries < 0) {
      throw new IllegalArgumentException("maxAge and maxEntries must not be negative");
    }
    this.clock = clock;
    this.maxAge = maxAge;
    this.maxEntries = maxEntries;
  }

  /** Whom {@code token} named when it was verified, or null when it must be verified (again). */
  public @Nullable Principal principal(String token) {
    String key = digest(token);
    Entry entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (!clock.instant().isBefore(entry.until())) {
      entries.remove(key, entry);
      return null;
    }
    return entry.principal();
  }

  /**
   * Remembers that {@code token}, valid until {@code expiresAt} (its {@code exp}), names {@code
   * principal}.
   */
  public void remember(String token, Principal principal, Instant expiresAt) {
    if (maxEntries == 0) {
      return;
    }
    Instant now = clock.instant();
    Instant until = expiresAt.isBefore(now.plus(maxAge)) ? expiresAt : now.plus(maxAge);
    if (!now.isBefore(until)) {
      return;
    }
    if (entries.size() >= maxEntries) {
      entries.values().removeIf(entry -> !now.isBefore(entry.until()));
      if (entries.size() >= maxEntries) {
        // Bounded memory matters more than hits: many distinct live tokens start over.
        entries.clear();
      }
    }
    entries.put(digest(token), new Entry(principal, until));
  }

  /** Forgets every token, so the next use of each is verified again (after a revocation). */
  public void forgetAll() {
    entries.clear();
  }

  int size() {
    return entries.size();
  }

  private static String digest(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}

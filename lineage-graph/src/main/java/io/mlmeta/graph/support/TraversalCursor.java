package io.mlmeta.graph.support;

import io.mlmeta.graph.model.NodeKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * A position in traversal result order: after the node {@code lastKey} at hop distance {@code
 * hops}, or before everything. Encoded as an opaque, URL-safe string that every engine accepts.
 */
public record TraversalCursor(int hops, @Nullable NodeKey lastKey) {

  private static final String VERSION = "t1";
  private static final TraversalCursor BEGINNING = new TraversalCursor(-1, null);

  public TraversalCursor {
    if ((lastKey == null) != (hops == -1) || hops < -1) {
      throw new IllegalArgumentException("a cursor is the beginning or after a node");
    }
  }

  public static TraversalCursor beginning() {
    return BEGINNING;
  }

  public static TraversalCursor after(int hops, NodeKey key) {
    return new TraversalCursor(hops, key);
  }

  /** True when a node at {@code nodeHops} with {@code key} comes after this position. */
  public boolean precedes(int nodeHops, NodeKey key) {
    if (lastKey == null) {
      return true;
    }
    return nodeHops > hops || (nodeHops == hops && key.compareTo(lastKey) > 0);
  }

  public String encode() {
    String plain = VERSION + '|' + hops + '|' + (lastKey == null ? "" : lastKey.toString());
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  public static TraversalCursor decode(String encoded) {
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed traversal cursor", e);
    }
    String[] parts = plain.split("\\|", -1);
    if (parts.length != 3 || !VERSION.equals(parts[0])) {
      throw new IllegalArgumentException("malformed traversal cursor");
    }
    try {
      int hops = Integer.parseInt(parts[1]);
      return parts[2].isEmpty() ? beginning() : after(hops, NodeKey.parse(parts[2]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed traversal cursor", e);
    }
  }
}

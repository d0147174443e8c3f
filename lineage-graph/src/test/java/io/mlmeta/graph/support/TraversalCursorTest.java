package io.mlmeta.graph.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlmeta.graph.model.NodeKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TraversalCursorTest {

  @Test
  void cursorsRoundTripAndStayOpaque() {
    TraversalCursor cursor = TraversalCursor.after(3, NodeKey.execution(17));
    String encoded = cursor.encode();
    assertEquals(cursor, TraversalCursor.decode(encoded));
    assertFalse(encoded.contains("execution"), "cursors are opaque");
    assertEquals(
        TraversalCursor.beginning(), TraversalCursor.decode(TraversalCursor.beginning().encode()));
  }

  @Test
  void aCursorPrecedesLaterHopsAndLaterKeysOfItsHop() {
    TraversalCursor cursor = TraversalCursor.after(2, NodeKey.artifact(5));
    assertTrue(cursor.precedes(3, NodeKey.artifact(1)));
    assertTrue(cursor.precedes(2, NodeKey.artifact(6)));
    assertTrue(cursor.precedes(2, NodeKey.execution(1)));
    assertFalse(cursor.precedes(2, NodeKey.artifact(5)));
    assertFalse(cursor.precedes(1, NodeKey.execution(99)));
    assertTrue(TraversalCursor.beginning().precedes(0, NodeKey.artifact(1)));
  }

  @Test
  void malformedCursorsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> TraversalCursor.decode("%%%"));
    String wrongVersion =
        Base64.getUrlEncoder().encodeToString("t0|1|artifact:1".getBytes(StandardCharsets.UTF_8));
    assertThrows(IllegalArgumentException.class, () -> TraversalCursor.decode(wrongVersion));
    String badKey =
        Base64.getUrlEncoder().encodeToString("t1|1|thing:1".getBytes(StandardCharsets.UTF_8));
    assertThrows(IllegalArgumentException.class, () -> TraversalCursor.decode(badKey));
  }
}

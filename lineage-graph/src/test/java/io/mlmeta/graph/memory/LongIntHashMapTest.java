package io.mlmeta.graph.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongIntHashMapTest {

  @Test
  void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
    LongIntHashMap map = new LongIntHashMap();
    Map<Long, Integer> expected = new HashMap<>();
    Random random = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      // A small key range forces collisions, growth and backward shifts.
      long key = 1 + random.nextInt(5_000);
      if (random.nextInt(3) == 0) {
        map.remove(key);
        expected.remove(key);
      } else {
        map.put(key, i);
        expected.put(key, i);
      }
    }
    assertEquals(expected.size(), map.size());
    for (long key = 1; key <= 5_000; key++) {
      assertEquals(expected.getOrDefault(key, LongIntHashMap.MISSING), map.get(key), "key " + key);
    }
  }
}

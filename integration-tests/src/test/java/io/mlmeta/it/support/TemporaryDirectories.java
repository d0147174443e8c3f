package io.mlmeta.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Cleanup of the data directories tests create for servers and databases. */
public final class TemporaryDirectories {

  private TemporaryDirectories() {}

  /** Deletes the directory and everything under it, as far as it can. */
  public static void delete(Path directory) {
    try (var files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is harmless; the test result stands.
    }
  }
}

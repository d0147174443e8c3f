package io.mlmeta.standalone;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/** Files of the data directory that hold secrets: readable and writable by their owner only. */
final class PrivateFiles {

  private PrivateFiles() {}

  /**
   * Replaces {@code file} with {@code content}, created with mode 0600 before anything is in it.
   */
  static void writeString(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the file keeps the directory's default permissions.
      Files.createFile(file);
    }
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  /** Writes {@code values} as a properties file, atomically: readers see the old or the new one. */
  static void writeProperties(Path file, Map<String, String> values, String comment)
      throws IOException {
    Properties properties = new Properties();
    properties.putAll(values);
    StringWriter text = new StringWriter();
    properties.store(text, comment);
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    writeString(temporary, text.toString());
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}

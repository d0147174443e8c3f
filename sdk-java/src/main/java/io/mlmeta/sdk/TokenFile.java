package io.mlmeta.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The file holding a bearer token between runs: {@code MLMETA_TOKEN_FILE}, else {@code
 * ~/.config/mlmeta/token}. {@code mlmeta login} writes it, {@code mlmeta logout} deletes it, and
 * {@link Store.Builder} reads it when given no credentials and {@code MLMETA_TOKEN} is unset. The
 * file holds the token alone; surrounding whitespace is ignored.
 */
public final class TokenFile {

  /** The environment variable holding a bearer token; it wins over the token file. */
  public static final String TOKEN_VARIABLE = "MLMETA_TOKEN";

  /** The environment variable naming the token file instead of the default location. */
  public static final String FILE_VARIABLE = "MLMETA_TOKEN_FILE";

  private TokenFile() {}

  /**
   * Where the token file is: {@code MLMETA_TOKEN_FILE} if set in {@code environment}, else {@code
   * <home>/.config/mlmeta/token}.
   */
  public static Path location(Map<String, String> environment, Path home) {
    String configured = environment.get(FILE_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured.strip());
    }
    return home.resolve(".config").resolve("mlmeta").resolve("token");
  }

  /**
   * The token in {@code file}, or null if the file does not exist or is blank.
   *
   * @throws UncheckedIOException if the file exists but cannot be read
   */
  public static @Nullable String read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the token file " + file, e);
    }
    String token = text.strip();
    return token.isEmpty() ? null : token;
  }

  /**
   * Stores {@code token} in {@code file}, replacing what it held. On POSIX file systems the file is
   * readable by its owner only (0600) from the moment it exists, and missing parent directories are
   * created owner-only (0700).
   *
   * @throws IllegalArgumentException if the token is blank or holds whitespace or control
   *     characters (it could not be sent in a header)
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(Path file, String token) {
    String value = checked(token);
    Path absolute = file.toAbsolutePath();
    Path directory = absolute.getParent();
    boolean posix = directory != null && supportsPosix(directory);
    try {
      if (directory != null) {
        createDirectories(directory, posix);
      }
      // Written beside the target and moved over it, so a reader never sees half a token.
      Path temporary =
          posix
              ? Files.createTempFile(
                  directory, ".token", ".tmp", PosixFilePermissions.asFileAttribute(ownerOnly()))
              : Files.createTempFile(directory, ".token", ".tmp");
      try {
        Files.writeString(temporary, value + "\n", StandardCharsets.UTF_8);
        move(temporary, absolute);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the token file " + file, e);
    }
  }

  /**
   * Deletes the token file.
   *
   * @return whether there was one
   * @throws UncheckedIOException if it exists but cannot be deleted
   */
  public static boolean delete(Path file) {
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the token file " + file, e);
    }
  }

  /** The token without surrounding whitespace, if it can travel in a header. */
  static String checked(String token) {
    String value = token.strip();
    if (value.isEmpty()) {
      throw new IllegalArgumentException("the token is empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw new IllegalArgumentException(
            "the token holds a space, a control or a non-ASCII character at position " + i);
      }
    }
    return value;
  }

  private static void createDirectories(Path directory, boolean posix) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    Path parent = directory.getParent();
    if (parent != null) {
      createDirectories(parent, posix);
    }
    FileAttribute<?>[] attributes =
        posix
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
            }
            : new FileAttribute<?>[0];
    try {
      Files.createDirectory(directory, attributes);
    } catch (FileAlreadyExistsException raced) {
      if (!Files.isDirectory(directory)) {
        throw raced;
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static Set<PosixFilePermission> ownerOnly() {
    return PosixFilePermissions.fromString("rw-------");
  }

  private static boolean supportsPosix(Path directory) {
    Path existing = directory;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    try {
      return existing != null && Files.getFileStore(existing).supportsFileAttributeView("posix");
    } catch (IOException e) {
      return false;
    }
  }
}

package io.mlmeta.it.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * An OCI image archive (an OCI image layout in a tar) unpacked into a directory, read as a
 * container runtime reads it: index, then manifest, then config and layers, each by digest.
 */
final class OciArchive {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path layout;

  private OciArchive(Path layout) {
    this.layout = layout;
  }

  /** Unpacks {@code archive} into {@code directory}. */
  static OciArchive open(Path archive, Path directory) throws IOException {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        Path target = inside(directory, entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target);
        }
      }
    }
    return new OciArchive(directory);
  }

  String layoutVersion() throws IOException {
    return JSON.readTree(layout.resolve("oci-layout").toFile()).path("imageLayoutVersion").asText();
  }

  JsonNode index() throws IOException {
    return JSON.readTree(layout.resolve("index.json").toFile());
  }

  /** The blob a descriptor names, after checking its size and digest against the descriptor. */
  Path blob(JsonNode descriptor) throws IOException {
    String digest = descriptor.path("digest").asText();
    if (!digest.startsWith("sha256:")) {
      throw new AssertionError("not a sha256 digest: " + descriptor);
    }
    Path blob = layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    if (Files.size(blob) != descriptor.path("size").asLong()) {
      throw new AssertionError("size of " + blob + " differs from its descriptor " + descriptor);
    }
    try (InputStream in = Files.newInputStream(blob)) {
      if (!digest.equals(sha256(in))) {
        throw new AssertionError("content of " + blob + " does not match its digest " + digest);
      }
    }
    return blob;
  }

  JsonNode json(JsonNode descriptor) throws IOException {
    return JSON.readTree(blob(descriptor).toFile());
  }

  /** The digest of a layer's uncompressed content: its diff id in the image config. */
  String diffId(JsonNode layerDescriptor) throws IOException {
    try (InputStream in =
        new GzipCompressorInputStream(
            new BufferedInputStream(Files.newInputStream(blob(layerDescriptor))))) {
      return sha256(in);
    }
  }

  /**
   * Every path in the layers, as the image's root filesystem holds them ({@code /opt/java/...}).
   */
  static Set<String> paths(List<Path> layerBlobs) throws IOException {
    Set<String> paths = new TreeSet<>();
    for (Path layer : layerBlobs) {
      try (TarArchiveInputStream tar = layerStream(layer)) {
        for (TarArchiveEntry entry = tar.getNextEntry();
            entry != null;
            entry = tar.getNextEntry()) {
          paths.add("/" + strip(entry.getName()));
        }
      }
    }
    return paths;
  }

  /**
   * Applies the layers in order to an empty {@code rootfs}, keeping each entry's mode. An image
   * built from scratch deletes nothing, so a whiteout entry is an error here.
   */
  static void unpack(List<Path> layerBlobs, Path rootfs) throws IOException {
    for (Path layer : layerBlobs) {
      try (TarArchiveInputStream tar = layerStream(layer)) {
        for (TarArchiveEntry entry = tar.getNextEntry();
            entry != null;
            entry = tar.getNextEntry()) {
          String name = strip(entry.getName());
          if (name.isEmpty()) {
            continue;
          }
          if (Path.of(name).getFileName().toString().startsWith(".wh.")) {
            throw new AssertionError("unexpected whiteout in " + layer + ": " + name);
          }
          Path target = inside(rootfs, name);
          if (entry.isDirectory()) {
            Files.createDirectories(target);
          } else if (entry.isSymbolicLink()) {
            Files.createDirectories(target.getParent());
            Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
            continue;
          } else {
            Files.createDirectories(target.getParent());
            Files.copy(tar, target);
          }
          Files.setPosixFilePermissions(target, permissions(entry.getMode()));
        }
      }
    }
  }

  private static TarArchiveInputStream layerStream(Path layer) throws IOException {
    return new TarArchiveInputStream(
        new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(layer))));
  }

  private static String strip(String name) {
    String stripped = name.startsWith("./") ? name.substring(2) : name;
    stripped = stripped.startsWith("/") ? stripped.substring(1) : stripped;
    return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
  }

  private static Path inside(Path root, String name) {
    Path target = root.resolve(strip(name)).normalize();
    if (!target.startsWith(root)) {
      throw new AssertionError("entry escapes the directory: " + name);
    }
    return target;
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    PosixFilePermission[] bits = {
      PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    Set<PosixFilePermission> permissions = new TreeSet<>();
    for (int bit = 0; bit < bits.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        permissions.add(bits[bit]);
      }
    }
    return permissions;
  }

  private static String sha256(InputStream in) throws IOException {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      try (DigestInputStream digesting = new DigestInputStream(in, sha256)) {
        digesting.transferTo(OutputStream.nullOutputStream());
      }
      return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The blobs of {@code descriptors}, each checked as {@link #blob} checks it. */
  List<Path> blobs(JsonNode descriptors) throws IOException {
    List<Path> blobs = new ArrayList<>();
    for (JsonNode descriptor : descriptors) {
      blobs.add(blob(descriptor));
    }
    return blobs;
  }
}

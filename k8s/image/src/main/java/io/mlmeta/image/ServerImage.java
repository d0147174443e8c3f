package io.mlmeta.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Writes the server's OCI image as an OCI archive, with no container engine and no registry: the
 * packaged server (quarkus-app) on a Java runtime linked from the build's JDK, with the host
 * libraries that runtime loads and nothing else: no shell, no package manager.
 *
 * <p>Layers go from what changes least to what changes on every commit (system libraries, Java
 * runtime, third-party jars, mlmeta's own code), so a new build of the server ships one small
 * layer. Timestamps are fixed, so the same inputs give the same image digest.
 *
 * <p>Arguments: quarkus-app directory, archive to write, image name, version, work directory.
 */
public final class ServerImage {

  /** The non-root user the k8s manifests run as ({@code runAsUser: 185}). */
  static final int USER = 185;

  static final int PORT = 8080;

  static final AbsoluteUnixPath APP = AbsoluteUnixPath.get("/app");
  static final AbsoluteUnixPath JAVA_HOME = AbsoluteUnixPath.get("/opt/java");

  /**
   * The server's JVM. The heap follows the container's memory limit; an OutOfMemoryError ends the
   * process so that Kubernetes restarts it instead of leaving a half-working server. UTF-8 is set
   * because Java 17 takes its default charset from a locale this image does not have.
   * JAVA_TOOL_OPTIONS adds or overrides options: the image has no shell to read JAVA_OPTS.
   */
  static final List<String> ENTRYPOINT =
      List.of(
          JAVA_HOME.resolve("bin/java").toString(),
          "-XX:MaxRAMPercentage=75",
          "-XX:+ExitOnOutOfMemoryError",
          "-Dfile.encoding=UTF-8",
          "-Djava.io.tmpdir=/tmp",
          "-jar",
          APP.resolve("quarkus-run.jar").toString());

  private static final FilePermissions EXECUTABLE = FilePermissions.fromOctalString("755");
  private static final FilePermissions READABLE = FilePermissions.fromOctalString("644");

  /** mlmeta's own jars in lib/main, named by Quarkus as groupId.artifactId-version.jar. */
  private static final Predicate<Path> OWN_JAR =
      jar -> jar.getFileName().toString().startsWith("io.mlmeta.");

  private ServerImage() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      throw new IllegalArgumentException(
          "usage: ServerImage QUARKUS_APP_DIR ARCHIVE IMAGE_NAME VERSION WORK_DIR");
    }
    Path quarkusApp = Path.of(args[0]).toAbsolutePath().normalize();
    Path archive = Path.of(args[1]).toAbsolutePath();
    String name = args[2];
    String version = args[3];
    Path work = Path.of(args[4]).toAbsolutePath();
    if (!Files.isRegularFile(quarkusApp.resolve("quarkus-run.jar"))) {
      throw new IllegalStateException(
          "no packaged server in " + quarkusApp + "; build metadata-server first");
    }
    Files.createDirectories(work);
    Path runtime = work.resolve("java-runtime");
    SortedSet<String> modules = new TreeSet<>(JavaRuntime.MODULES);
    modules.addAll(JavaRuntime.requiredBy(quarkusApp.resolve("lib")));
    JavaRuntime.link(runtime, modules);

    List<FileEntriesLayer> layers =
        List.of(
            systemLayer(SharedLibraries.neededBy(runtime), work),
            directoryLayer("java-runtime", runtime, JAVA_HOME, path -> true),
            directoryLayer(
                "dependencies", quarkusApp.resolve("lib"), APP.resolve("lib"), OWN_JAR.negate()),
            applicationLayer(quarkusApp));

    JibContainer image =
        Jib.fromScratch()
            .setFormat(ImageFormat.OCI)
            .setPlatforms(Set.of(new Platform(architecture(), "linux")))
            .setFileEntriesLayers(layers)
            .setEntrypoint(ENTRYPOINT)
            .setEnvironment(
                Map.of(
                    "JAVA_HOME", JAVA_HOME.toString(),
                    "LANG", "C.UTF-8",
                    "QUARKUS_HTTP_PORT", Integer.toString(PORT)))
            .setUser(USER + ":" + USER)
            .setWorkingDirectory(APP)
            .setExposedPorts(Set.of(Port.tcp(PORT)))
            .setLabels(labels(version))
            .containerize(
                Containerizer.to(TarImage.at(archive).named(name + ":" + version))
                    .setToolName("mlmeta-image")
                    .setOfflineMode(true)
                    .setApplicationLayersCache(work.resolve("layers-cache"))
                    .setBaseImageLayersCache(work.resolve("base-layers-cache")));
    System.out.printf("mlmeta-image: Java runtime modules %s%n", modules);
    System.out.printf(
        "mlmeta-image: wrote %s:%s to %s (%,d bytes), digest %s%n",
        name, version, archive, Files.size(archive), image.getDigest());
  }

  /** The dynamic loader and libraries, and the user and group tables for uid 185. */
  private static FileEntriesLayer systemLayer(Set<Path> libraries, Path work) throws IOException {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("system");
    for (Path library : libraries) {
      // The real file under the name the loader asks for: an image entry cannot follow a host link.
      layer.addEntry(
          library.toRealPath(), AbsoluteUnixPath.get(library.toString()), permissionsOf(library));
    }
    Path etc = work.resolve("etc");
    Files.createDirectories(etc);
    // The user's home is /tmp, the one writable directory under a read-only root filesystem.
    Path passwd =
        write(
            etc.resolve("passwd"),
            "root:x:0:0:root:/root:/sbin/nologin\n"
                + String.format(
                    Locale.ROOT, "mlmeta:x:%d:%d:mlmeta:/tmp:/sbin/nologin%n", USER, USER));
    Path group =
        write(
            etc.resolve("group"),
            "root:x:0:\n" + String.format(Locale.ROOT, "mlmeta:x:%d:%n", USER));
    layer.addEntry(passwd, AbsoluteUnixPath.get("/etc/passwd"), READABLE);
    layer.addEntry(group, AbsoluteUnixPath.get("/etc/group"), READABLE);
    Path emptyDirectory = work.resolve("empty");
    Files.createDirectories(emptyDirectory);
    // World-writable like any /tmp (an OCI layer entry cannot carry the sticky bit through Jib);
    // Kubernetes mounts an emptyDir over it.
    layer.addEntry(
        emptyDirectory, AbsoluteUnixPath.get("/tmp"), FilePermissions.fromOctalString("777"));
    return layer.build();
  }

  private static FileEntriesLayer applicationLayer(Path quarkusApp) throws IOException {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("application");
    layer.addEntry(quarkusApp.resolve("quarkus-run.jar"), APP.resolve("quarkus-run.jar"), READABLE);
    addTree(layer, quarkusApp.resolve("app"), APP.resolve("app"), path -> true);
    addTree(layer, quarkusApp.resolve("quarkus"), APP.resolve("quarkus"), path -> true);
    addTree(layer, quarkusApp.resolve("lib"), APP.resolve("lib"), OWN_JAR);
    return layer.build();
  }

  private static FileEntriesLayer directoryLayer(
      String name, Path source, AbsoluteUnixPath target, Predicate<Path> include)
      throws IOException {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
    addTree(layer, source, target, include);
    return layer.build();
  }

  private static void addTree(
      FileEntriesLayer.Builder layer, Path source, AbsoluteUnixPath target, Predicate<Path> include)
      throws IOException {
    // Sorted, so that the layer and its digest do not depend on the file system's listing order.
    TreeMap<String, Path> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(source)) {
      walk.filter(Files::isRegularFile)
          .filter(include)
          .forEach(file -> files.put(source.relativize(file).toString(), file));
    }
    for (Map.Entry<String, Path> file : files.entrySet()) {
      layer.addEntry(
          file.getValue(), target.resolve(file.getKey()), permissionsOf(file.getValue()));
    }
  }

  /** 755 for what the host may execute (java, jspawnhelper, the loader), 644 for the rest. */
  private static FilePermissions permissionsOf(Path file) throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    return permissions.contains(PosixFilePermission.OWNER_EXECUTE) && !isLibrary(file)
        ? EXECUTABLE
        : READABLE;
  }

  private static boolean isLibrary(Path file) {
    String name = file.getFileName().toString();
    return name.contains(".so") && !name.startsWith("ld-linux");
  }

  private static Map<String, String> labels(String version) throws IOException {
    return Map.of(
        "org.opencontainers.image.title",
        "mlmeta metadata server",
        "org.opencontainers.image.version",
        version,
        "io.mlmeta.image.java-runtime",
        System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
        "io.mlmeta.image.system-libraries-from",
        hostDistribution());
  }

  /** Which distribution the libc and other libraries come from, as os-release names it. */
  private static String hostDistribution() throws IOException {
    Path osRelease = Path.of("/etc/os-release");
    if (!Files.isRegularFile(osRelease)) {
      return "unknown";
    }
    return Files.readAllLines(osRelease, StandardCharsets.UTF_8).stream()
        .filter(line -> line.startsWith("PRETTY_NAME="))
        .map(line -> line.substring("PRETTY_NAME=".length()).replace("\"", ""))
        .findFirst()
        .orElse("unknown");
  }

  /** The OCI architecture name of the machine, whose binaries the image carries. */
  static String architecture() {
    String arch = System.getProperty("os.arch");
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
  }

  private static Path write(Path file, String content) throws IOException {
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }
}

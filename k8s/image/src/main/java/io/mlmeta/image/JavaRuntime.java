package io.mlmeta.image;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The server's Java runtime, linked by jlink from the modules of the JDK that runs the build. */
final class JavaRuntime {

  /**
   * What the server's plain (non-modular) jars use, found by jdeps over quarkus-app/lib
   * (java.desktop for java.beans in Hibernate and Quarkus, java.compiler and java.naming for
   * Vert.x, java.security.jgss for the PostgreSQL driver, java.management.rmi for Narayana's JMX),
   * and what only run time needs: EC keys for TLS to OIDC issuers and databases, DNS for service
   * discovery, JFR and the management beans for diagnosing production. Modular jars declare their
   * own needs, which {@link #requiredBy} adds.
   */
  static final List<String> MODULES =
      List.of(
          "java.base",
          "java.compiler",
          "java.desktop",
          "java.instrument",
          "java.logging",
          "java.management",
          "java.management.rmi",
          "java.naming",
          "java.net.http",
          "java.security.jgss",
          "java.sql",
          "java.transaction.xa",
          "java.xml",
          "jdk.crypto.ec",
          "jdk.jfr",
          "jdk.management",
          "jdk.naming.dns",
          "jdk.unsupported",
          "jdk.zipfs");

  /**
   * java.desktop's native libraries for windows, sound, fonts and images: a headless server never
   * loads them, and they would pull X11, ALSA, FreeType and image codecs into the image.
   */
  static final List<String> DESKTOP_LIBRARIES_LEFT_OUT =
      List.of(
          "libawt_xawt.so",
          "libjawt.so",
          "libsplashscreen.so",
          "libjsound.so",
          "libfontmanager.so",
          "liblcms.so",
          "libjavajpeg.so");

  private JavaRuntime() {}

  /**
   * The JDK modules that the modular jars under {@code libraries} require (jakarta.transaction
   * requires java.rmi, Hibernate Validator java.scripting): a dependency upgrade that needs a new
   * module gets it without an edit here. Optional ({@code requires static}) needs are left out.
   */
  static SortedSet<String> requiredBy(Path libraries) throws IOException {
    Set<String> jdkModules =
        ModuleLayer.boot().modules().stream().map(Module::getName).collect(Collectors.toSet());
    SortedSet<String> required = new TreeSet<>();
    List<Path> jars;
    try (Stream<Path> files = Files.walk(libraries)) {
      jars = files.filter(file -> file.toString().endsWith(".jar")).toList();
    }
    for (Path jar : jars) {
      for (ModuleReference module : ModuleFinder.of(jar).findAll()) {
        module.descriptor().requires().stream()
            .filter(requires -> !requires.modifiers().contains(Requires.Modifier.STATIC))
            .map(Requires::name)
            .filter(name -> name.startsWith("java.") || name.startsWith("jdk."))
            .forEach(required::add);
      }
    }
    List<String> unknown = required.stream().filter(name -> !jdkModules.contains(name)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalStateException(
          "the server's jars require JDK modules the build's JDK lacks: " + unknown);
    }
    return required;
  }

  /** Links the runtime into {@code output}, replacing what is there. */
  static void link(Path output, Set<String> modules) throws IOException {
    deleteRecursively(output);
    ToolProvider jlink =
        ToolProvider.findFirst("jlink")
            .orElseThrow(() -> new IllegalStateException("the build's JDK has no jlink"));
    StringWriter messages = new StringWriter();
    PrintWriter writer = new PrintWriter(messages);
    int exit =
        jlink.run(
            writer,
            writer,
            "--add-modules",
            String.join(",", modules),
            "--exclude-files",
            String.join(",", DESKTOP_LIBRARIES_LEFT_OUT.stream().map(l -> "**/" + l).toList()),
            "--strip-debug",
            "--no-header-files",
            "--no-man-pages",
            "--compress=2",
            "--output",
            output.toString());
    writer.flush();
    if (exit != 0) {
      throw new IllegalStateException(
          "jlink failed ("
              + exit
              + "); the build's JDK needs its jmods directory: "
              + messages.toString().strip());
    }
  }

  static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}

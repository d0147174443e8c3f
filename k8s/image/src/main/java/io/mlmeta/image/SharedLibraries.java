package io.mlmeta.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The build machine's shared libraries that a linked Java runtime loads (libc, libm, libz,
 * libstdc++ and the dynamic loader). The image has no distribution underneath, so they travel with
 * the runtime, at the paths the loader looks for them.
 */
final class SharedLibraries {

  /** {@code libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x...)} or {@code => not found}. */
  private static final Pattern RESOLVED =
      Pattern.compile("^\\s*(\\S+) => (.+?)(?: \\(0x\\p{XDigit}+\\))?$");

  /** The dynamic loader, printed by its path alone: {@code /lib64/ld-linux-x86-64.so.2 (0x...)}. */
  private static final Pattern LOADER = Pattern.compile("^\\s*(/\\S+) \\(0x\\p{XDigit}+\\)$");

  private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

  private SharedLibraries() {}

  /**
   * The absolute paths of the libraries that the ELF files under {@code runtime} need from the
   * host.
   */
  static SortedSet<Path> neededBy(Path runtime) throws IOException {
    List<Path> elfFiles;
    try (Stream<Path> files = Files.walk(runtime)) {
      elfFiles = files.filter(Files::isRegularFile).filter(SharedLibraries::isElf).toList();
    }
    Set<String> bundled =
        elfFiles.stream().map(file -> file.getFileName().toString()).collect(Collectors.toSet());
    SortedSet<Path> needed = new TreeSet<>();
    for (Path file : elfFiles) {
      needed.addAll(parse(ldd(file), runtime, bundled, file));
    }
    return needed;
  }

  /**
   * The host libraries named in one file's {@code ldd} output. Libraries inside the runtime are
   * skipped; so is a {@code not found} library the runtime itself ships (libjvm.so is found through
   * the launcher's search path, not the library's). Any other missing library fails the build.
   */
  static Set<Path> parse(String lddOutput, Path runtime, Set<String> bundled, Path file) {
    Set<Path> needed = new TreeSet<>();
    for (String line : lddOutput.split("\n")) {
      Matcher loader = LOADER.matcher(line);
      if (loader.matches()) {
        needed.add(Path.of(loader.group(1)));
        continue;
      }
      Matcher resolved = RESOLVED.matcher(line);
      if (!resolved.matches()) {
        continue;
      }
      String name = resolved.group(1);
      String target = resolved.group(2);
      if (target.equals("not found")) {
        if (!bundled.contains(name)) {
          throw new IllegalStateException(
              file + " needs " + name + ", which neither the runtime nor this machine has");
        }
        continue;
      }
      Path library = Path.of(target).normalize();
      if (!library.startsWith(runtime)) {
        needed.add(library);
      }
    }
    return needed;
  }

  private static boolean isElf(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(ELF_MAGIC.length);
      return Arrays.equals(magic, ELF_MAGIC);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  private static String ldd(Path file) throws IOException {
    Process ldd = new ProcessBuilder("ldd", file.toString()).redirectErrorStream(true).start();
    String output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!ldd.waitFor(1, TimeUnit.MINUTES)) {
        ldd.destroyForcibly();
        throw new IllegalStateException("ldd did not finish on " + file);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running ldd on " + file, e);
    }
    // A static executable is not an error: it needs nothing.
    return ldd.exitValue() == 0 ? output : "";
  }
}

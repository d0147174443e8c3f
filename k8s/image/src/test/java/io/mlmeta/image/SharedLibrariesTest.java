package io.mlmeta.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharedLibrariesTest {

  private static final Path RUNTIME = Path.of("/build/java-runtime");
  private static final Path LIBJAVA = RUNTIME.resolve("lib/libjava.so");

  @Test
  void keepsHostLibrariesAndTheLoaderAndSkipsTheRuntimesOwn() {
    String ldd =
        String.join(
            "\n",
            "\tlinux-vdso.so.1 (0x00007ffc3a5e9000)",
            "\tlibz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x00007f2c1c5a0000)",
            "\tlibjli.so => /build/java-runtime/bin/../lib/libjli.so (0x00007f2c1c58f000)",
            "\tlibjvm.so => not found",
            "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f2c1c3ae000)",
            "\t/lib64/ld-linux-x86-64.so.2 (0x00007f2c1c5d1000)");

    Set<Path> needed =
        SharedLibraries.parse(ldd, RUNTIME, Set.of("libjvm.so", "libjli.so"), LIBJAVA);

    assertThat(needed)
        .containsExactlyInAnyOrder(
            Path.of("/lib/x86_64-linux-gnu/libz.so.1"),
            Path.of("/lib/x86_64-linux-gnu/libc.so.6"),
            Path.of("/lib64/ld-linux-x86-64.so.2"));
  }

  @Test
  void aLibraryNeitherTheRuntimeNorTheHostHasFailsTheBuild() {
    String ldd = "\tlibX11.so.6 => not found\n\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x1)";

    assertThatThrownBy(() -> SharedLibraries.parse(ldd, RUNTIME, Set.of("libjvm.so"), LIBJAVA))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("libX11.so.6")
        .hasMessageContaining(LIBJAVA.toString());
  }

  @Test
  void aStaticExecutableNeedsNothing() {
    assertThat(SharedLibraries.parse("", RUNTIME, Set.of(), RUNTIME.resolve("bin/java"))).isEmpty();
  }
}

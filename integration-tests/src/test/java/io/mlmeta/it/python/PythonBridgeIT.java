package io.mlmeta.it.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlmeta.it.support.PackagedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the Python bridge's integration suite (the Kubeflow Metadata example and more, standard
 * library only) against the packaged server.
 */
class PythonBridgeIT {

  @Test
  void pythonBridgeSuitePassesAgainstThePackagedServer() throws Exception {
    PackagedServer server = PackagedServer.shared();
    Path bridge = server.root().resolve("sdk-python-bridge");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    "python3",
                    "-m",
                    "unittest",
                    "discover",
                    "-s",
                    "tests/integration",
                    "-t",
                    ".",
                    "-v"))
            .directory(bridge.toFile())
            .redirectErrorStream(true);
    builder.environment().put("MLMETA_URL", server.httpUrl());
    Process python;
    try {
      python = builder.start();
    } catch (IOException e) {
      throw new AssertionError("python3 is required to test the Python bridge", e);
    }
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(5, TimeUnit.MINUTES)).isTrue();
    System.out.println(output);
    assertThat(python.exitValue()).as(output).isZero();
    assertThat(output).contains("OK").doesNotContain("skipped '");
  }
}

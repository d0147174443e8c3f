package io.mlmeta.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with {@code kubectl kustomize}, which works offline. */
final class Kustomize {

  /** Overridable so a CI image can point at a kubectl outside PATH. */
  private static final String KUBECTL =
      System.getenv().getOrDefault("KUBECTL", System.getProperty("kubectl", "kubectl"));

  private Kustomize() {}

  static String render(Path kustomizationDir) {
    Path stderr = null;
    try {
      stderr = Files.createTempFile("kustomize", ".err");
      Process process;
      try {
        process =
            new ProcessBuilder(List.of(KUBECTL, "kustomize", kustomizationDir.toString()))
                .redirectError(stderr.toFile())
                .start();
      } catch (IOException e) {
        throw new IllegalStateException(
            "kubectl not found ('"
                + KUBECTL
                + "'): the k8s module renders every overlay with `kubectl kustomize`. Install"
                + " kubectl (1.27+, it embeds Kustomize 5) or set KUBECTL to its path.",
            e);
      }
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl kustomize " + kustomizationDir + " timed out");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "kubectl kustomize "
                + kustomizationDir
                + " failed (exit "
                + process.exitValue()
                + "):\n"
                + Files.readString(stderr));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kubectl kustomize " + kustomizationDir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted rendering " + kustomizationDir, e);
    } finally {
      if (stderr != null) {
        try {
          Files.deleteIfExists(stderr);
        } catch (IOException ignored) {
          // A leftover temp file is harmless.
        }
      }
    }
  }
}

package io.mlmeta.it.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlmeta.it.support.FreePorts;
import io.mlmeta.it.support.GraphQlClient;
import io.mlmeta.it.support.InProcessNeo4j;
import io.mlmeta.it.support.TemporaryDirectories;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.dbms.api.DatabaseManagementService;

/**
 * The server image that {@code ./mvnw verify} writes to {@code
 * k8s/image/target/metadata-server-image.tar}: a valid OCI archive of the image the k8s manifests
 * name, and a server that starts from it under the manifests' security context (uid 185, read-only
 * root filesystem, a writable /tmp) against real PostgreSQL and Neo4j.
 */
class ServerImageIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT =
      Path.of(System.getProperty("mlmeta.root", "..")).toAbsolutePath().normalize();
  private static final Path ARCHIVE = ROOT.resolve("k8s/image/target/metadata-server-image.tar");
  private static final Path DEPLOYMENT = ROOT.resolve("k8s/base/deployment.yaml");
  private static final Path KUSTOMIZATION = ROOT.resolve("k8s/base/kustomization.yaml");

  private static Path work;
  private static OciArchive archive;
  private static JsonNode manifest;
  private static JsonNode config;
  private static List<Path> layers;

  @BeforeAll
  static void openArchive() throws IOException {
    assertThat(ARCHIVE).as("the image archive that `./mvnw verify` builds").isRegularFile();
    work = Files.createTempDirectory("mlmeta-it-image-");
    archive = OciArchive.open(ARCHIVE, work.resolve("layout"));
    JsonNode manifests = archive.index().path("manifests");
    assertThat(manifests).as("manifests in index.json").hasSize(1);
    manifest = archive.json(manifests.get(0));
    config = archive.json(manifest.path("config"));
    layers = archive.blobs(manifest.path("layers"));
  }

  @AfterAll
  static void deleteWork() {
    if (work != null) {
      TemporaryDirectories.delete(work);
    }
  }

  @Test
  void theArchiveIsAnOciImageOfWhatTheManifestsDeploy() throws IOException {
    assertThat(archive.layoutVersion()).isEqualTo("1.0.0");
    JsonNode descriptor = archive.index().path("manifests").get(0);
    assertThat(descriptor.path("mediaType").asText())
        .isEqualTo("application/vnd.oci.image.manifest.v1+json");
    String reference =
        descriptor.path("annotations").path("org.opencontainers.image.ref.name").asText();
    // The name the Deployment uses, with the tag the base kustomization gives it.
    assertThat(reference).isEqualTo(deploymentImage() + ":" + kustomizationTag());

    assertThat(manifest.path("config").path("mediaType").asText())
        .isEqualTo("application/vnd.oci.image.config.v1+json");
    List<String> diffIds = new ArrayList<>();
    for (JsonNode layer : manifest.path("layers")) {
      assertThat(layer.path("mediaType").asText())
          .isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
      diffIds.add(archive.diffId(layer));
    }
    List<String> configDiffIds = new ArrayList<>();
    config.path("rootfs").path("diff_ids").forEach(id -> configDiffIds.add(id.asText()));
    assertThat(configDiffIds).as("config diff ids").isEqualTo(diffIds);

    assertThat(config.path("os").asText()).isEqualTo("linux");
    JsonNode container = config.path("config");
    assertThat(container.path("User").asText()).isEqualTo(runAsUser() + ":" + runAsUser());
    assertThat(container.path("ExposedPorts").has(containerPort() + "/tcp")).isTrue();
    List<String> entrypoint = strings(container.path("Entrypoint"));
    assertThat(entrypoint).first().isEqualTo("/opt/java/bin/java");
    assertThat(entrypoint).endsWith("-jar", "/app/quarkus-run.jar");

    Set<String> paths = OciArchive.paths(layers);
    assertThat(paths)
        .contains(
            "/app/quarkus-run.jar",
            "/opt/java/bin/java",
            "/opt/java/lib/server/libjvm.so",
            "/etc/passwd",
            "/tmp");
    // The manifests' preStop hook is a sleep action because the image has no shell to run one.
    assertThat(paths).doesNotContain("/bin/sh", "/usr/bin/sh", "/bin/bash");
  }

  @Test
  void theServerRunsFromTheImageAsTheManifestsRunIt() throws Exception {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "running the image without a container engine needs root for chroot and mounts");
    Path rootfs = work.resolve("rootfs");
    OciArchive.unpack(layers, rootfs);
    // Mount points a container runtime provides; the image itself does not carry them.
    for (String directory : List.of("proc", "dev")) {
      Files.createDirectories(rootfs.resolve(directory));
    }
    for (String file : List.of("etc/hosts", "etc/resolv.conf")) {
      Files.createFile(rootfs.resolve(file));
    }

    Path neo4jData = work.resolve("neo4j");
    EmbeddedPostgres postgres = null;
    DatabaseManagementService neo4j = null;
    Process container = null;
    Path log = work.resolve("server.log");
    try {
      postgres = EmbeddedPostgres.builder().start();
      int boltPort = FreePorts.any();
      neo4j = InProcessNeo4j.start(neo4jData, boltPort);
      int httpPort = FreePorts.any();

      container =
          containerCommand(rootfs, httpPort, postgres, boltPort)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      awaitReady(container, httpPort, log);

      ProcessHandle server = serverJvm(container);
      assertThat(uidOf(server)).as("uid of the server JVM").isEqualTo(runAsUser());

      GraphQlClient graphQl =
          new GraphQlClient(
              "http://localhost:" + httpPort, Map.of("kubeflow-userid", "image-test@example.com"));
      String name = "image-" + UUID.randomUUID();
      graphQl.data(
          "mutation($name: String!) { createWorkspace(name: $name) { name } }",
          Map.of("name", name));
      JsonNode found =
          graphQl.data(
              "query($name: String!) { workspace(name: $name) { name } }", Map.of("name", name));
      assertThat(found.path("workspace").path("name").asText()).isEqualTo(name);

      JsonNode mirror = awaitMirrorReachable(httpPort);
      assertThat(mirror.path("reachable").asBoolean()).as("Neo4j reachable: " + mirror).isTrue();
    } finally {
      if (container != null) {
        stop(container);
      }
      if (neo4j != null) {
        neo4j.shutdown();
      }
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  /**
   * A minimal container runtime: a private mount namespace in which the unpacked root filesystem is
   * read-only, /tmp is a fresh tmpfs (the manifests' emptyDir), /proc, /dev and the name service
   * files come from the host, and the image's entrypoint runs chrooted as the image's user with the
   * image's environment and working directory.
   */
  private static ProcessBuilder containerCommand(
      Path rootfs, int httpPort, EmbeddedPostgres postgres, int boltPort) {
    JsonNode image = config.path("config");
    List<String> user = List.of(image.path("User").asText().split(":", -1));
    String script =
        """
        set -e
        root="$1"; uid="$2"; gid="$3"; workdir="$4"; shift 4
        mount --make-rprivate /
        mount --bind "$root" "$root"
        mount --bind /proc "$root/proc"
        mount --rbind /dev "$root/dev"
        mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
        mount --bind /etc/hosts "$root/etc/hosts"
        mount --bind /etc/resolv.conf "$root/etc/resolv.conf"
        mount -o remount,bind,ro "$root"
        exec unshare --root="$root" --wd="$workdir" --setgid="$gid" --setuid="$uid" "$@"
        """;
    List<String> command =
        new ArrayList<>(
            List.of(
                "unshare",
                "--mount",
                "--fork",
                "sh",
                "-c",
                script,
                "container",
                rootfs.toString(),
                user.get(0),
                user.get(1),
                image.path("WorkingDir").asText()));
    command.addAll(strings(image.path("Entrypoint")));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    String path = environment.getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    environment.clear();
    environment.put("PATH", path);
    for (String variable : strings(image.path("Env"))) {
      int equals = variable.indexOf('=');
      environment.put(variable.substring(0, equals), variable.substring(equals + 1));
    }
    environment.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
    environment.put("MLMETA_DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
    environment.put("MLMETA_DB_USER", "postgres");
    environment.put("MLMETA_DB_PASSWORD", "postgres");
    environment.put("MLMETA_NEO4J_URI", "bolt://127.0.0.1:" + boltPort);
    // Callers identified as in the dev overlay: by the gateway's header, from a trusted address.
    environment.put("MLMETA_SECURITY_PROXY_TRUSTED_CIDRS", "127.0.0.0/8");
    // The server ends with this test JVM even if the test cannot stop it.
    environment.put("MLMETA_LAUNCHER_PID", Long.toString(ProcessHandle.current().pid()));
    return builder;
  }

  private static void awaitReady(Process container, int port, Path log) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (Instant.now().isBefore(deadline)) {
      if (!container.isAlive()) {
        throw new AssertionError("the server in the image exited:\n" + tail(log));
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new AssertionError("the server in the image was not ready in 2 minutes:\n" + tail(log));
  }

  private static JsonNode awaitMirrorReachable(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/well"))
            .timeout(Duration.ofSeconds(5))
            .build();
    JsonNode mirror = JSON.createObjectNode();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    while (Instant.now().isBefore(deadline)) {
      JsonNode checks =
          JSON.readTree(http.send(health, HttpResponse.BodyHandlers.ofString()).body())
              .path("checks");
      for (JsonNode check : checks) {
        if (check.path("name").asText().contains("Neo4j")) {
          mirror = check.path("data");
        }
      }
      if (mirror.path("reachable").asBoolean()) {
        return mirror;
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    return mirror;
  }

  private static ProcessHandle serverJvm(Process container) {
    return container
        .descendants()
        .filter(p -> p.info().commandLine().filter(c -> c.contains("quarkus-run.jar")).isPresent())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no server JVM under " + container.pid()));
  }

  private static int uidOf(ProcessHandle process) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("Uid:")) {
        return Integer.parseInt(line.substring("Uid:".length()).trim().split("\\s+", -1)[0]);
      }
    }
    throw new AssertionError("no Uid line for process " + process.pid());
  }

  /** SIGTERM to the server as Kubernetes sends it, then SIGKILL if it does not drain in time. */
  private static void stop(Process container) throws InterruptedException {
    container.descendants().forEach(ProcessHandle::destroy);
    if (!container.waitFor(60, TimeUnit.SECONDS)) {
      container.descendants().forEach(ProcessHandle::destroyForcibly);
      container.destroyForcibly();
      container.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static String deploymentImage() throws IOException {
    return match(DEPLOYMENT, Pattern.compile("(?m)^\\s*image:\\s*(\\S+)\\s*$"));
  }

  private static String kustomizationTag() throws IOException {
    return match(KUSTOMIZATION, Pattern.compile("(?m)^\\s*newTag:\\s*(\\S+)\\s*$"));
  }

  private static int runAsUser() throws IOException {
    return Integer.parseInt(
        match(DEPLOYMENT, Pattern.compile("(?m)^\\s*runAsUser:\\s*(\\d+)\\s*$")));
  }

  private static int containerPort() throws IOException {
    return Integer.parseInt(
        match(DEPLOYMENT, Pattern.compile("(?m)^\\s*containerPort:\\s*(\\d+)\\s*$")));
  }

  private static String match(Path file, Pattern pattern) throws IOException {
    Matcher matcher = pattern.matcher(Files.readString(file, StandardCharsets.UTF_8));
    assertThat(matcher.find()).as(pattern + " in " + file).isTrue();
    return matcher.group(1);
  }

  private static List<String> strings(JsonNode array) {
    List<String> strings = new ArrayList<>();
    array.forEach(element -> strings.add(element.asText()));
    return strings;
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}

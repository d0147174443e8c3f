package io.mlmeta.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which credentials a store sends: a given token, {@code MLMETA_TOKEN}, the token file, or a
 * gateway's identity headers.
 */
class CredentialsTest {

  private static final Metadata.Key<String> USER =
      Metadata.Key.of("kubeflow-userid", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> GROUPS =
      Metadata.Key.of("kubeflow-groups", Metadata.ASCII_STRING_MARSHALLER);

  @RegisterExtension final InProcessServer server = new InProcessServer();

  @TempDir Path home;

  private @Nullable String sentAuthorization(Store.Builder builder) {
    return sent(builder).get(FakeMetadataService.AUTHORIZATION);
  }

  private Metadata sent(Store.Builder builder) {
    int before = server.service.headers.size();
    try (Store store = builder.build()) {
      Workspace.create(store, "ws");
    }
    return server.service.headers.get(before);
  }

  private Path defaultTokenFile(String token) throws IOException {
    Path file = home.resolve(".config/mlmeta/token");
    Files.createDirectories(file.getParent());
    Files.writeString(file, token + "\n");
    return file;
  }

  @Test
  void withoutCredentialsNothingIsSent() {
    assertThat(sentAuthorization(server.storeBuilder().environment(Map.of(), home))).isNull();
  }

  @Test
  void theEnvironmentWinsOverTheTokenFile() throws IOException {
    defaultTokenFile("from-file");
    assertThat(
            sentAuthorization(
                server.storeBuilder().environment(Map.of("MLMETA_TOKEN", " from-env "), home)))
        .isEqualTo("Bearer from-env");
    assertThat(sentAuthorization(server.storeBuilder().environment(Map.of(), home)))
        .isEqualTo("Bearer from-file");
  }

  @Test
  void aGivenTokenWinsOverTheEnvironmentAndNullSendsNone() throws IOException {
    defaultTokenFile("from-file");
    Map<String, String> env = Map.of("MLMETA_TOKEN", "from-env");
    assertThat(sentAuthorization(server.storeBuilder().environment(env, home).token("given")))
        .isEqualTo("Bearer given");
    assertThat(sentAuthorization(server.storeBuilder().environment(env, home).token(null)))
        .isNull();
  }

  @Test
  void tokenFileVariableNamesAFileThatMustExist() throws IOException {
    Path file = home.resolve("elsewhere");
    Files.writeString(file, "named\n");
    assertThat(
            sentAuthorization(
                server
                    .storeBuilder()
                    .environment(Map.of("MLMETA_TOKEN_FILE", file.toString()), home)))
        .isEqualTo("Bearer named");

    Store.Builder missing =
        server
            .storeBuilder()
            .environment(Map.of("MLMETA_TOKEN_FILE", home.resolve("none").toString()), home);
    assertThatThrownBy(missing::build).hasMessageContaining("missing or empty");
  }

  @Test
  void aTokenFileIsReadAgainWhenItChanges() throws IOException {
    Path file = home.resolve("projected");
    Files.writeString(file, "first");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    try (Store store = server.storeBuilder().tokenFile(file).build()) {
      Workspace.create(store, "ws");
      Files.writeString(file, "rotated");
      Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T01:00:00Z")));
      Workspace.create(store, "ws");
      Files.writeString(file, "");
      Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T02:00:00Z")));
      Workspace.create(store, "ws");
    }
    assertThat(server.service.headers)
        .extracting(h -> h.get(FakeMetadataService.AUTHORIZATION))
        .containsExactly("Bearer first", "Bearer rotated", "Bearer rotated");
  }

  @Test
  void aGatewayUserSendsTheGatewayHeadersAndNoToken() {
    Metadata sent =
        sent(
            server
                .storeBuilder()
                .environment(Map.of("MLMETA_TOKEN", "ignored"), home)
                .gatewayUser("alice@example.com", "team-a", "ml"));
    assertThat(sent.get(USER)).isEqualTo("alice@example.com");
    assertThat(sent.get(GROUPS)).isEqualTo("team-a,ml");
    assertThat(sent.get(FakeMetadataService.AUTHORIZATION)).isNull();

    Metadata renamed =
        sent(
            server
                .storeBuilder()
                .gatewayUser("bob")
                .gatewayHeaders("x-forwarded-user", "x-forwarded-groups"));
    assertThat(renamed.get(Metadata.Key.of("x-forwarded-user", Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo("bob");
    assertThat(renamed.get(Metadata.Key.of("x-forwarded-groups", Metadata.ASCII_STRING_MARSHALLER)))
        .isNull();
  }

  @Test
  void conflictingOrMalformedCredentialsAreRefused() {
    assertThatThrownBy(() -> server.storeBuilder().gatewayUser("alice").token("t").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> server.storeBuilder().gatewayUser("alice", "a,b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> server.storeBuilder().token("two words"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tokenFileIsWrittenOwnerOnlyAndDeleted() throws IOException {
    Path file = TokenFile.location(Map.of(), home);
    assertThat(file).isEqualTo(home.resolve(".config/mlmeta/token"));
    assertThat(TokenFile.read(file)).isNull();

    TokenFile.write(file, " mlm_0123456789abcdef_secret \n");
    TokenFile.write(file, "mlm_0123456789abcdef_secret2");

    assertThat(TokenFile.read(file)).isEqualTo("mlm_0123456789abcdef_secret2");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(".config"))))
        .isEqualTo("rwx------");
    try (var listing = Files.list(file.getParent())) {
      assertThat(listing).containsExactly(file);
    }
    assertThat(TokenFile.delete(file)).isTrue();
    assertThat(TokenFile.delete(file)).isFalse();
    assertThatThrownBy(() -> TokenFile.write(file, "  "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

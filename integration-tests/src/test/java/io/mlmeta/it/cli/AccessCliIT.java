package io.mlmeta.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlmeta.cli.ExitCode;
import io.mlmeta.it.support.PackagedServer;
import io.mlmeta.sdk.Execution;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API tokens end to end through the CLI against the packaged server, where the anonymous local user
 * is admin: a token scoped writer on one workspace identifies as a token, writes there, and is
 * refused once revoked.
 */
class AccessCliIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  private static Store anonymous() {
    return Store.builder().target(PackagedServer.shared().grpcTarget()).token(null).build();
  }

  @Test
  void aScopedTokenWritesItsWorkspaceUntilRevoked() throws IOException {
    String workspace = "access-" + UUID.randomUUID();
    try (Store admin = anonymous()) {
      Workspace.create(admin, workspace);
    }

    CliRun created =
        CliRun.of(
            home,
            "tokens",
            "create",
            "--name",
            "it-writer",
            "--workspace",
            workspace,
            "--role",
            "writer",
            "--expires",
            "1d",
            "--format",
            "json");
    assertThat(created.exitCode()).as("%s", created).isEqualTo(ExitCode.OK);
    assertThat(created.err()).contains("not shown again");
    JsonNode token = JSON.readTree(created.out());
    String id = token.get("id").asText();
    String secret = token.get("secret").asText();
    assertThat(secret).startsWith("mlm_" + id + "_");
    assertThat(token.get("scopes").get(workspace).asText()).isEqualTo("writer");

    CliRun who = CliRun.of(home, "whoami", "--format", "json", "--token", secret);
    assertThat(who.exitCode()).as("%s", who).isEqualTo(ExitCode.OK);
    JsonNode caller = JSON.readTree(who.out());
    assertThat(caller.get("kind").asText()).isEqualTo("TOKEN");
    assertThat(caller.get("roles").get(workspace).asText()).isEqualTo("writer");

    try (Store asToken =
        Store.builder().target(PackagedServer.shared().grpcTarget()).token(secret).build()) {
      Execution.create("train", Workspace.get(asToken, workspace), null, null).complete();
    }

    CliRun grants = CliRun.of(home, "grants", "list", workspace, "--format", "json");
    assertThat(grants.exitCode()).as("%s", grants).isEqualTo(ExitCode.OK);
    assertThat(grants.out()).contains(id);
    CliRun listed = CliRun.of(home, "tokens", "list");
    assertThat(listed.out()).contains(id, "it-writer", "active");

    CliRun login = CliRun.raw(home, Map.of(), "login", "--token", secret);
    assertThat(login.exitCode()).as("%s", login).isEqualTo(ExitCode.OK);
    CliRun loggedIn = CliRun.of(home, "whoami");
    assertThat(loggedIn.out()).as("%s", loggedIn).contains("TOKEN");

    assertThat(CliRun.raw(home, Map.of(), "logout").exitCode()).isEqualTo(ExitCode.OK);

    CliRun revoked = CliRun.of(home, "tokens", "revoke", id);
    assertThat(revoked.exitCode()).as("%s", revoked).isEqualTo(ExitCode.OK);

    CliRun refused = CliRun.of(home, "whoami", "--token", secret);
    assertThat(refused.exitCode()).as("%s", refused).isEqualTo(ExitCode.UNAUTHORIZED);
    assertThat(refused.err())
        .startsWith("mlmeta: unauthenticated")
        .contains("mlmeta login")
        .doesNotContain("\tat ");
  }
}

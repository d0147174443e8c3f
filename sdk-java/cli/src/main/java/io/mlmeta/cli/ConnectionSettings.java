package io.mlmeta.cli;

import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.TokenFile;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Where and how to connect, resolved from (first wins) command-line flags, environment variables
 * ({@code MLMETA_SERVER}, {@code MLMETA_TOKEN}, {@code MLMETA_TLS}, {@code MLMETA_CA_FILE}, {@code
 * MLMETA_GATEWAY_USER}, {@code MLMETA_GATEWAY_GROUPS}) and the config file ({@code MLMETA_CONFIG},
 * else {@code ~/.mlmeta/cli.properties}, with keys {@code server}, {@code token}, {@code tls},
 * {@code ca-file}, {@code timeout}); the default server is {@code localhost:8080}.
 *
 * <p>The bearer token is the first of {@code --token}, {@code MLMETA_TOKEN}, the token file {@code
 * mlmeta login} writes ({@code MLMETA_TOKEN_FILE}, else {@code ~/.config/mlmeta/token}) and the
 * config file's {@code token}. A gateway user ({@code --gateway-user} or {@code
 * MLMETA_GATEWAY_USER}) replaces the token: the gateway's headers name the caller instead.
 *
 * @param server {@code host:port}
 * @param token bearer token, or null
 * @param tls whether to use TLS
 * @param caFile PEM file of trusted certificates, or null for the JVM's
 * @param timeout deadline of each call
 * @param gatewayUser the user the gateway headers name, or null to send none
 * @param gatewayGroups the groups the gateway headers name
 */
public record ConnectionSettings(
    String server,
    @Nullable String token,
    boolean tls,
    @Nullable Path caFile,
    Duration timeout,
    @Nullable String gatewayUser,
    List<String> gatewayGroups) {

  /** The server used when nothing else is configured. */
  public static final String DEFAULT_SERVER = "localhost:8080";

  /** The flags given on the command line; null where absent. */
  public record Flags(
      @Nullable String server,
      @Nullable String token,
      @Nullable Boolean tls,
      @Nullable Path caFile,
      @Nullable Duration timeout,
      @Nullable String gatewayUser,
      @Nullable String gatewayGroups) {

    /** Flags without gateway identity. */
    public Flags(
        @Nullable String server,
        @Nullable String token,
        @Nullable Boolean tls,
        @Nullable Path caFile,
        @Nullable Duration timeout) {
      this(server, token, tls, caFile, timeout, null, null);
    }
  }

  /**
   * Resolves the settings.
   *
   * @throws CliException when the config file cannot be read or holds a malformed value
   */
  public static ConnectionSettings resolve(Flags flags, CliEnvironment environment) {
    Properties file = configFile(environment);
    String server =
        first(flags.server(), environment.variable("MLMETA_SERVER"), file.getProperty("server"));
    String gatewayUser = first(flags.gatewayUser(), environment.variable("MLMETA_GATEWAY_USER"));
    String gatewayGroups =
        first(flags.gatewayGroups(), environment.variable("MLMETA_GATEWAY_GROUPS"));
    String token = null;
    if (gatewayUser == null) {
      token = first(flags.token(), environment.variable(TokenFile.TOKEN_VARIABLE));
      if (token == null) {
        token = tokenFile(environment);
      }
      if (token == null) {
        token = first(file.getProperty("token"));
      }
    }
    String caFile =
        first(
            flags.caFile() == null ? null : flags.caFile().toString(),
            environment.variable("MLMETA_CA_FILE"),
            file.getProperty("ca-file"));
    String tls =
        first(
            flags.tls() == null ? null : flags.tls().toString(),
            environment.variable("MLMETA_TLS"),
            file.getProperty("tls"));
    Duration timeout =
        flags.timeout() != null
            ? flags.timeout()
            : duration(first(environment.variable("MLMETA_TIMEOUT"), file.getProperty("timeout")));
    return new ConnectionSettings(
        server == null ? DEFAULT_SERVER : server,
        token,
        caFile != null
            || Boolean.parseBoolean(tls == null ? "false" : tls.toLowerCase(Locale.ROOT)),
        caFile == null ? null : Path.of(caFile),
        timeout == null ? Duration.ofSeconds(30) : timeout,
        gatewayUser,
        gatewayGroups == null
            ? List.of()
            : Arrays.stream(gatewayGroups.split(",")).map(String::strip).toList());
  }

  /** The token file's location for this environment. */
  public static Path tokenFileLocation(CliEnvironment environment) {
    return TokenFile.location(environment.variables(), environment.home());
  }

  private static @Nullable String tokenFile(CliEnvironment environment) {
    Path path = tokenFileLocation(environment);
    try {
      String token = TokenFile.read(path);
      if (token == null && environment.variable(TokenFile.FILE_VARIABLE) != null) {
        throw new CliException(ExitCode.NOT_FOUND, "token file not found or empty: " + path);
      }
      return token;
    } catch (UncheckedIOException e) {
      throw new CliException(ExitCode.IO_ERROR, e.getMessage() + ": " + e.getCause());
    }
  }

  /** Opens a store with these settings (connections are made on the first call). */
  public Store open() {
    Store.Builder builder = Store.builder().target(server).deadline(timeout);
    // Credentials are always set explicitly: the SDK's own lookup would read the process's
    // environment rather than this run's.
    if (gatewayUser != null) {
      builder.gatewayUser(gatewayUser, gatewayGroups.toArray(String[]::new));
    } else {
      builder.token(token);
    }
    if (caFile != null) {
      builder.tls(caFile);
    } else {
      builder.tls(tls);
    }
    return builder.build();
  }

  private static Properties configFile(CliEnvironment environment) {
    String configured = environment.variable("MLMETA_CONFIG");
    Path path =
        configured != null
            ? Path.of(configured)
            : environment.home().resolve(".mlmeta").resolve("cli.properties");
    Properties properties = new Properties();
    if (!Files.isRegularFile(path)) {
      if (configured != null) {
        throw new CliException(ExitCode.NOT_FOUND, "config file not found: " + path);
      }
      return properties;
    }
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new CliException(ExitCode.IO_ERROR, "cannot read config file " + path + ": " + e);
    }
    return properties;
  }

  private static @Nullable Duration duration(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(text.strip()));
    } catch (NumberFormatException e) {
      throw new CliException(ExitCode.USAGE, "timeout must be whole seconds: " + text);
    }
  }

  private static @Nullable String first(@Nullable String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }
}

package io.mlmeta.server.identity;

import io.mlmeta.server.domain.error.UnauthenticatedException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Decides who a request comes from, the same way for HTTP and gRPC: a trusted proxy's identity
 * headers first, then credentials, then anonymous where that is allowed. Anything it cannot believe
 * is refused, never downgraded to anonymous.
 */
public final class PrincipalResolver {

  /**
   * How requests identify their callers.
   *
   * @param proxies addresses whose identity headers are believed
   * @param userHeader the header a trusted proxy names the user in (Kubeflow: {@code
   *     kubeflow-userid})
   * @param groupsHeader the header a trusted proxy lists the user's groups in, comma separated
   * @param anonymousAllowed whether a request without identity is served as the anonymous principal
   */
  public record Settings(
      TrustedProxies proxies, String userHeader, String groupsHeader, boolean anonymousAllowed) {

    public Settings {
      userHeader = userHeader.toLowerCase(Locale.ROOT);
      groupsHeader = groupsHeader.toLowerCase(Locale.ROOT);
    }
  }

  /** What the resolver reads from a request. */
  public interface Request {

    /** The value of header {@code name} (lower case), or null when absent. */
    @Nullable String header(String name);

    /** The address of the peer that opened the connection. */
    InetAddress peer();
  }

  private final Settings settings;

  public PrincipalResolver(Settings settings) {
    this.settings = settings;
  }

  public boolean hasTrustedProxies() {
    return !settings.proxies().isEmpty();
  }

  /**
   * The caller of {@code request}.
   *
   * @throws UnauthenticatedException when the request carries identity that cannot be believed, or
   *     none where it is required
   */
  public Principal resolve(Request request) {
    String user = request.header(settings.userHeader());
    if (user != null || request.header(settings.groupsHeader()) != null) {
      return fromProxy(request, user);
    }
    if (request.header("authorization") != null) {
      // API tokens and OIDC tokens are verified by the modes that follow in issue 13; until then a
      // credential the server cannot check is refused rather than ignored.
      throw new UnauthenticatedException(
          "this server does not accept bearer or other credentials yet; send none, or identify"
              + " through the trusted proxy");
    }
    if (!settings.anonymousAllowed()) {
      throw new UnauthenticatedException("this server requires callers to identify themselves");
    }
    return Principal.anonymous();
  }

  private Principal fromProxy(Request request, @Nullable String user) {
    if (!settings.proxies().contains(request.peer())) {
      throw new UnauthenticatedException(
          "the "
              + settings.userHeader()
              + " and "
              + settings.groupsHeader()
              + " headers are accepted only from trusted proxies");
    }
    if (user == null || user.isBlank()) {
      throw new UnauthenticatedException(
          "the trusted proxy sent no user in the " + settings.userHeader() + " header");
    }
    return new Principal(
        user.trim(), groups(request.header(settings.groupsHeader())), Principal.Kind.USER);
  }

  private static Set<String> groups(@Nullable String header) {
    if (header == null) {
      return Set.of();
    }
    return Arrays.stream(header.split(",", -1))
        .map(String::trim)
        .filter(group -> !group.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }
}

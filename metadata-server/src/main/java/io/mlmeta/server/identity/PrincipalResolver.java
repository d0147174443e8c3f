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
 * headers first, then a bearer token, then anonymous where that is allowed. Anything it cannot
 * believe is refused, never downgraded to anonymous. A bearer token it does not verify itself: it
 * names the token, and the caller of {@link #resolve} verifies it with the issuer's keys.
 */
public final class PrincipalResolver {

  private static final String BEARER = "bearer ";

  /**
   * How requests identify their callers.
   *
   * @param proxies addresses whose identity headers are believed
   * @param userHeader the header a trusted proxy names the user in (Kubeflow: {@code
   *     kubeflow-userid})
   * @param groupsHeader the header a trusted proxy lists the user's groups in, comma separated
   * @param anonymousAllowed whether a request without identity is served as the anonymous principal
   * @param oidcTokens whether an OIDC issuer is configured to verify bearer tokens against
   */
  public record Settings(
      TrustedProxies proxies,
      String userHeader,
      String groupsHeader,
      boolean anonymousAllowed,
      boolean oidcTokens) {

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

  /** What a request identifies its caller by. */
  public sealed interface Resolution {

    /** The caller is known without further checks. */
    record Identified(Principal principal) implements Resolution {}

    /**
     * The caller is whoever the OIDC issuer's signed token names, once verified; {@link OidcClaims}
     * maps its claims.
     */
    record OidcToken(String token) implements Resolution {

      @Override
      public String toString() {
        return "OidcToken[redacted]";
      }
    }

    /**
     * The caller is the mlmeta API token this bearer value names, once its secret matches the
     * stored hash (see {@link ApiTokenSecret}).
     */
    record ApiToken(String token) implements Resolution {

      @Override
      public String toString() {
        return "ApiToken[redacted]";
      }
    }
  }

  private final Settings settings;

  public PrincipalResolver(Settings settings) {
    this.settings = settings;
  }

  public boolean hasTrustedProxies() {
    return !settings.proxies().isEmpty();
  }

  /**
   * What {@code request} identifies its caller by.
   *
   * <p>A trusted proxy's identity headers win over an {@code Authorization} header it sends along:
   * Kubeflow's gateway forwards the user's ID token next to {@code kubeflow-userid} after checking
   * it. From any other peer the identity headers are refused, with or without a token.
   *
   * @throws UnauthenticatedException when the request carries identity that cannot be believed, or
   *     none where it is required
   */
  public Resolution resolve(Request request) {
    String user = request.header(settings.userHeader());
    if (user != null || request.header(settings.groupsHeader()) != null) {
      return new Resolution.Identified(fromProxy(request, user));
    }
    String authorization = request.header("authorization");
    if (authorization != null) {
      return fromBearer(authorization);
    }
    if (!settings.anonymousAllowed()) {
      throw new UnauthenticatedException("this server requires callers to identify themselves");
    }
    return new Resolution.Identified(Principal.anonymous());
  }

  private Resolution fromBearer(String authorization) {
    String value = authorization.strip();
    if (value.equalsIgnoreCase(BEARER.strip())) {
      throw new UnauthenticatedException("the Authorization header carries an empty bearer token");
    }
    if (!value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new UnauthenticatedException(
          "only bearer tokens are accepted in the Authorization header (Authorization: Bearer"
              + " <token>)");
    }
    String token = value.substring(BEARER.length()).strip();
    if (token.isEmpty()) {
      throw new UnauthenticatedException("the Authorization header carries an empty bearer token");
    }
    if (ApiTokenSecret.looksLikeApiToken(token)) {
      return new Resolution.ApiToken(token);
    }
    if (!settings.oidcTokens()) {
      throw new UnauthenticatedException(
          "this server accepts no OIDC bearer tokens: no issuer is configured"
              + " (mlmeta.security.oidc.issuer)");
    }
    return new Resolution.OidcToken(token);
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

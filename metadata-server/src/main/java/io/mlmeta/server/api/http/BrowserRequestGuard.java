package io.mlmeta.server.api.http;

import io.mlmeta.server.config.MlmetaConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jspecify.annotations.Nullable;

/**
 * Keeps web pages from using a browser as a proxy to the server:
 *
 * <ul>
 *   <li>GraphQL is accepted only as {@code application/json} (or {@code application/graphql}): the
 *       content types a cross-site form or a "simple" fetch can send ({@code text/plain}, form
 *       encodings) are refused before anything runs, so no mutation executes without a CORS
 *       preflight.
 *   <li>A write that carries an {@code Origin} other than the server's own, or an allowed one, is
 *       refused.
 *   <li>While the server listens on loopback, the Host header must name loopback too: a page on a
 *       rebound DNS name cannot reach it.
 * </ul>
 *
 * gRPC requests (which browsers cannot make) pass untouched.
 */
@ApplicationScoped
public class BrowserRequestGuard {

  private static final Set<String> GRAPHQL_CONTENT_TYPES =
      Set.of("application/json", "application/graphql");

  private final Set<String> allowedHosts;
  private final Set<String> allowedOrigins;

  BrowserRequestGuard(
      MlmetaConfig config, @ConfigProperty(name = "quarkus.http.host") String listenAddress) {
    this.allowedHosts =
        config
            .http()
            .allowedHosts()
            .map(BrowserRequestGuard::lowerCase)
            .orElse(
                ListenAddress.isLoopback(listenAddress) ? ListenAddress.LOOPBACK_HOSTS : Set.of());
    this.allowedOrigins =
        config.http().allowedOrigins().map(BrowserRequestGuard::lowerCase).orElse(Set.of());
  }

  void install(@Observes Router router) {
    router.route().order(-900).handler(this::guard);
  }

  private void guard(RoutingContext context) {
    HttpServerRequest request = context.request();
    String contentType = HttpRefusals.mediaType(request);
    if (contentType.startsWith("application/grpc")) {
      context.next();
      return;
    }
    // HTTP/2 requests carry :authority instead of a Host header; authority() covers both.
    HostAndPort authority = request.authority();
    if (!allowedHosts.isEmpty()
        && (authority == null || !allowedHosts.contains(lowerCase(authority.host())))) {
      HttpRefusals.refuse(
          context, 403, "the Host header names a host this server does not answer for", null);
      return;
    }
    if (!isWrite(request.method())) {
      context.next();
      return;
    }
    String origin = request.getHeader("Origin");
    if (origin != null
        && !sameOrigin(origin, authority)
        && !allowedOrigins.contains(lowerCase(origin))) {
      HttpRefusals.refuse(
          context, 403, "cross-origin writes are not accepted from " + origin, null);
      return;
    }
    if (context.normalizedPath().startsWith("/graphql")
        && !GRAPHQL_CONTENT_TYPES.contains(contentType)) {
      HttpRefusals.refuse(
          context,
          415,
          "GraphQL requests must be sent as application/json"
              + (contentType.isEmpty() ? "" : ", not " + contentType),
          null);
      return;
    }
    context.next();
  }

  private static boolean isWrite(HttpMethod method) {
    return method == HttpMethod.POST
        || method == HttpMethod.PUT
        || method == HttpMethod.PATCH
        || method == HttpMethod.DELETE;
  }

  /**
   * The Origin names the host the request was sent to, and its port when it gives one (a browser
   * leaves out the scheme's default port).
   */
  private static boolean sameOrigin(String origin, @Nullable HostAndPort authority) {
    if (authority == null) {
      return false;
    }
    try {
      URI uri = URI.create(origin.trim());
      return uri.getHost() != null
          && bare(uri.getHost()).equalsIgnoreCase(bare(authority.host()))
          && (uri.getPort() < 0 || uri.getPort() == authority.port());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** An IPv6 literal without its brackets, which URIs keep and authorities may not. */
  private static String bare(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static Set<String> lowerCase(List<String> values) {
    return values.stream()
        .map(BrowserRequestGuard::lowerCase)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static String lowerCase(String value) {
    return value.trim().toLowerCase(Locale.ROOT);
  }
}

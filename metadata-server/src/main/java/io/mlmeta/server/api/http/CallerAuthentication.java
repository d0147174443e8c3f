package io.mlmeta.server.api.http;

import io.mlmeta.server.config.MlmetaConfig;
import io.mlmeta.server.domain.error.MetadataException;
import io.mlmeta.server.domain.error.UnauthenticatedException;
import io.mlmeta.server.identity.ApiTokenSecret;
import io.mlmeta.server.identity.Principal;
import io.mlmeta.server.identity.PrincipalResolver;
import io.mlmeta.server.identity.TrustedProxies;
import io.mlmeta.server.service.AccessService;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.security.spi.runtime.BlockingSecurityExecutor;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the caller of every HTTP request and gRPC call (gRPC shares the HTTP server) into a
 * {@link SecurityIdentity} that carries the mlmeta {@link Principal}; {@link CallerIdentity} reads
 * it back. A request whose identity cannot be believed fails here, before any adapter runs.
 */
@ApplicationScoped
public class CallerAuthentication implements HttpAuthenticationMechanism {

  /** The {@link SecurityIdentity} attribute that holds the {@link Principal}. */
  static final String PRINCIPAL_ATTRIBUTE = "mlmeta.principal";

  private static final Logger LOG = Logger.getLogger(CallerAuthentication.class);
  private static final String BEARER = "Bearer ";

  private final PrincipalResolver resolver;
  private final AccessService tokens;
  private final BlockingSecurityExecutor blocking;
  private final String userHeader;
  private final String groupsHeader;
  private final boolean listensOnLoopback;
  private final boolean insecureAnonymous;
  private final String listenAddress;

  CallerAuthentication(
      MlmetaConfig config,
      @ConfigProperty(name = "quarkus.http.host") String listenAddress,
      AccessService tokens,
      BlockingSecurityExecutor blocking) {
    MlmetaConfig.Security security = config.security();
    this.tokens = tokens;
    this.blocking = blocking;
    this.userHeader = security.proxy().userHeader();
    this.groupsHeader = security.proxy().groupsHeader();
    this.listenAddress = listenAddress;
    this.listensOnLoopback = ListenAddress.isLoopback(listenAddress);
    this.insecureAnonymous = security.insecureAnonymous();
    this.resolver =
        new PrincipalResolver(
            new PrincipalResolver.Settings(
                TrustedProxies.parse(security.proxy().trustedCidrs().orElse(List.of())),
                security.proxy().userHeader(),
                security.proxy().groupsHeader(),
                listensOnLoopback || insecureAnonymous));
  }

  /**
   * Refuses to serve the network with nobody identified: on a non-loopback address the server needs
   * a way to identify callers, or an explicit, logged choice to serve everyone anonymously.
   */
  void checkAtStart(@Observes StartupEvent event) {
    String refusal = refusalAtStart(listenAddress, insecureAnonymous, resolver.hasTrustedProxies());
    if (refusal != null) {
      throw new IllegalStateException(refusal);
    }
    if (!listensOnLoopback && insecureAnonymous) {
      LOG.warnf(
          "INSECURE: listening on %s and serving every caller without identity as anonymous"
              + " (mlmeta.security.insecure-anonymous=true)",
          listenAddress);
    }
  }

  /** Why the server must not start as configured, or null when it may. */
  static @Nullable String refusalAtStart(
      String listenAddress, boolean insecureAnonymous, boolean hasTrustedProxies) {
    if (ListenAddress.isLoopback(listenAddress) || insecureAnonymous || hasTrustedProxies) {
      return null;
    }
    return "listening on "
        + listenAddress
        + " with no way to identify callers: set mlmeta.security.proxy.trusted-cidrs"
        + " (MLMETA_SECURITY_PROXY_TRUSTED_CIDRS) to the gateway's addresses, or accept anonymous"
        + " access from the network with mlmeta.security.insecure-anonymous=true"
        + " (MLMETA_SECURITY_INSECURE_ANONYMOUS)";
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    String apiToken = apiToken(context);
    if (apiToken != null) {
      return byApiToken(context, apiToken);
    }
    try {
      Principal principal = resolver.resolve(new VertxRequest(context));
      return Uni.createFrom().item(identity(principal));
    } catch (UnauthenticatedException e) {
      return Uni.createFrom().failure(new AuthenticationFailedException(e.getMessage()));
    }
  }

  /** The bearer value when it is an mlmeta API token, else null. */
  private static @Nullable String apiToken(RoutingContext context) {
    String authorization = context.request().getHeader("authorization");
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String value = authorization.substring(BEARER.length()).trim();
    return ApiTokenSecret.looksLikeApiToken(value) ? value : null;
  }

  /**
   * An API token: answered from the replica's cache of verified tokens on the event loop, else
   * looked up in PostgreSQL on a worker thread.
   */
  private Uni<SecurityIdentity> byApiToken(RoutingContext context, String bearer) {
    if (context.request().getHeader(userHeader) != null
        || context.request().getHeader(groupsHeader) != null) {
      return refused(
          new UnauthenticatedException(
              "send either an API token or the gateway's identity headers, not both"));
    }
    try {
      Principal cached = tokens.authenticateCached(bearer);
      if (cached != null) {
        return Uni.createFrom().item(identity(cached));
      }
    } catch (MetadataException e) {
      return refused(e);
    }
    return blocking
        .executeBlocking(() -> tokens.authenticate(bearer))
        .map(CallerAuthentication::identity)
        .onFailure(MetadataException.class)
        .transform(e -> refusal((MetadataException) e));
  }

  private static Uni<SecurityIdentity> refused(MetadataException e) {
    return Uni.createFrom().failure(refusal(e));
  }

  /**
   * Unknown, wrong, revoked and expired tokens are unauthenticated; a database outage while looking
   * one up is not the client's fault and is answered as retryable.
   */
  private static AuthenticationFailedException refusal(MetadataException e) {
    return e instanceof UnauthenticatedException
        ? new AuthenticationFailedException(e.getMessage())
        : new AuthenticationFailedException(e.getMessage(), e);
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of();
  }

  private static SecurityIdentity identity(Principal principal) {
    return QuarkusSecurityIdentity.builder()
        .setPrincipal(new QuarkusPrincipal(principal.subject()))
        .setAnonymous(false)
        .addAttribute(PRINCIPAL_ATTRIBUTE, principal)
        .build();
  }

  private record VertxRequest(RoutingContext context) implements PrincipalResolver.Request {

    @Override
    public @Nullable String header(String name) {
      return context.request().getHeader(name);
    }

    @Override
    public InetAddress peer() {
      SocketAddress remote = context.request().connection().remoteAddress();
      try {
        return InetAddress.getByName(remote.hostAddress());
      } catch (UnknownHostException e) {
        // Vert.x reports the peer as a literal, which parses without a lookup.
        throw new IllegalStateException("peer address is not a literal: " + remote, e);
      }
    }
  }
}

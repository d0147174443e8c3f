package io.mlmeta.server.api.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlmeta.server.config.MlmetaConfig;
import io.mlmeta.server.domain.error.MetadataException;
import io.mlmeta.server.domain.error.UnauthenticatedException;
import io.mlmeta.server.identity.OidcClaims;
import io.mlmeta.server.identity.Principal;
import io.mlmeta.server.identity.PrincipalResolver;
import io.mlmeta.server.identity.TrustedProxies;
import io.mlmeta.server.identity.VerifiedTokens;
import io.mlmeta.server.service.AccessService;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.security.spi.runtime.BlockingSecurityExecutor;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the caller of every HTTP request and gRPC call (gRPC shares the HTTP server) into a
 * {@link SecurityIdentity} that carries the mlmeta {@link Principal}; {@link CallerIdentity} reads
 * it back. A request whose identity cannot be believed fails here, before any adapter runs.
 *
 * <p>This is the only mechanism that authenticates: it runs before quarkus-oidc's own and answers
 * every request, so an OIDC bearer token is verified here, through quarkus-oidc's identity provider
 * (the issuer's discovery document, keys, issuer, audience and lifetime), and then mapped by {@link
 * OidcClaims}.
 */
@ApplicationScoped
public class CallerAuthentication implements HttpAuthenticationMechanism {

  /** The {@link SecurityIdentity} attribute that holds the {@link Principal}. */
  static final String PRINCIPAL_ATTRIBUTE = "mlmeta.principal";

  private static final Logger LOG = Logger.getLogger(CallerAuthentication.class);
  private static final List<String> PROBE_ROOTS = List.of("/q/health", "/q/metrics");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> CLAIMS = new TypeReference<>() {};

  private final PrincipalResolver resolver;
  private final AccessService apiTokens;
  private final BlockingSecurityExecutor blocking;
  private final OidcClaims oidcClaims;
  private final VerifiedTokens verifiedTokens;
  private final boolean listensOnLoopback;
  private final boolean insecureAnonymous;
  private final String listenAddress;
  private final @Nullable String oidcIssuer;
  private final List<String> oidcAudience;

  CallerAuthentication(
      MlmetaConfig config,
      Clock clock,
      @ConfigProperty(name = "quarkus.http.host") String listenAddress,
      AccessService apiTokens,
      BlockingSecurityExecutor blocking) {
    MlmetaConfig.Security security = config.security();
    this.apiTokens = apiTokens;
    this.blocking = blocking;
    this.listenAddress = listenAddress;
    this.listensOnLoopback = ListenAddress.isLoopback(listenAddress);
    this.insecureAnonymous = security.insecureAnonymous();
    this.oidcIssuer = nonBlank(security.oidc().issuer());
    this.oidcAudience =
        security.oidc().audience().orElse(List.of()).stream()
            .map(String::strip)
            .filter(audience -> !audience.isEmpty())
            .toList();
    this.oidcClaims = new OidcClaims(security.oidc().groupsClaim());
    this.verifiedTokens =
        new VerifiedTokens(
            clock,
            security.oidc().verifiedTokenCache().maxAge(),
            security.oidc().verifiedTokenCache().maxEntries());
    this.resolver =
        new PrincipalResolver(
            new PrincipalResolver.Settings(
                TrustedProxies.parse(security.proxy().trustedCidrs().orElse(List.of())),
                security.proxy().userHeader(),
                security.proxy().groupsHeader(),
                listensOnLoopback || insecureAnonymous,
                oidcIssuer != null));
  }

  /**
   * Refuses to serve the network with nobody identified: on a non-loopback address the server needs
   * a way to identify callers, or an explicit, logged choice to serve everyone anonymously.
   */
  void checkAtStart(@Observes StartupEvent event) {
    String refusal = oidcRefusalAtStart(oidcIssuer, oidcAudience);
    if (refusal == null) {
      refusal =
          refusalAtStart(
              listenAddress, insecureAnonymous, resolver.hasTrustedProxies(), oidcIssuer != null);
    }
    if (refusal != null) {
      throw new IllegalStateException(refusal);
    }
    if (oidcIssuer != null) {
      LOG.infof("accepting bearer tokens of the OIDC issuer %s for %s", oidcIssuer, oidcAudience);
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
      String listenAddress,
      boolean insecureAnonymous,
      boolean hasTrustedProxies,
      boolean hasOidcIssuer) {
    if (ListenAddress.isLoopback(listenAddress)
        || insecureAnonymous
        || hasTrustedProxies
        || hasOidcIssuer) {
      return null;
    }
    return "listening on "
        + listenAddress
        + " with no way to identify callers: set mlmeta.security.oidc.issuer"
        + " (MLMETA_SECURITY_OIDC_ISSUER) to accept the bearer tokens of an OIDC issuer, or"
        + " mlmeta.security.proxy.trusted-cidrs (MLMETA_SECURITY_PROXY_TRUSTED_CIDRS) to the"
        + " gateway's addresses, or accept anonymous access from the network with"
        + " mlmeta.security.insecure-anonymous=true (MLMETA_SECURITY_INSECURE_ANONYMOUS)";
  }

  /**
   * Why the OIDC settings cannot be used, or null when they can: without an audience, any token of
   * the issuer would be accepted, including one issued for another service (in Kubernetes, every
   * pod's token for the API server).
   */
  static @Nullable String oidcRefusalAtStart(@Nullable String issuer, List<String> audience) {
    if (issuer != null && audience.isEmpty()) {
      return "mlmeta.security.oidc.issuer is set but mlmeta.security.oidc.audience"
          + " (MLMETA_SECURITY_OIDC_AUDIENCE) is not: name the audience tokens for this server carry,"
          + " so that tokens issued for other services are refused";
    }
    return null;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    // The normalised path is the one the router matches, so "/q/health/../graphql" is not a probe.
    if (context.request().method() == HttpMethod.GET && isProbe(context.normalizedPath())) {
      // Kubelet probes and Prometheus scrapes carry no credentials; these endpoints act for nobody
      // and show no metadata, so they need no caller.
      return Uni.createFrom().item(identity(Principal.anonymous()));
    }
    PrincipalResolver.Resolution resolution;
    try {
      resolution = resolver.resolve(new VertxRequest(context));
    } catch (UnauthenticatedException e) {
      return refused(e.getMessage());
    }
    if (resolution instanceof PrincipalResolver.Resolution.OidcToken oidcToken) {
      return verified(oidcToken.token(), context, identityProviderManager);
    }
    if (resolution instanceof PrincipalResolver.Resolution.ApiToken apiToken) {
      return byApiToken(apiToken.token());
    }
    return Uni.createFrom()
        .item(identity(((PrincipalResolver.Resolution.Identified) resolution).principal()));
  }

  /** Health and metrics endpoints, which probes and scrapers call without credentials. */
  static boolean isProbe(@Nullable String path) {
    if (path == null) {
      return false;
    }
    for (String root : PROBE_ROOTS) {
      if (path.equals(root) || path.startsWith(root + "/")) {
        return true;
      }
    }
    return false;
  }

  /**
   * An API token: answered from the replica's cache of verified tokens on the event loop, else
   * looked up in PostgreSQL on a worker thread.
   */
  private Uni<SecurityIdentity> byApiToken(String bearer) {
    try {
      Principal cached = apiTokens.authenticateCached(bearer);
      if (cached != null) {
        return Uni.createFrom().item(identity(cached));
      }
    } catch (MetadataException e) {
      return Uni.createFrom().failure(apiTokenRefusal(e));
    }
    return blocking
        .executeBlocking(() -> apiTokens.authenticate(bearer))
        .map(CallerAuthentication::identity)
        .onFailure(MetadataException.class)
        .transform(e -> apiTokenRefusal((MetadataException) e));
  }

  /**
   * Unknown, wrong, revoked and expired tokens are unauthenticated; a database outage while looking
   * one up is not the client's fault, and {@link AuthenticationRefusals} answers it as retryable.
   */
  private static AuthenticationFailedException apiTokenRefusal(MetadataException e) {
    return e instanceof UnauthenticatedException
        ? new AuthenticationFailedException(e.getMessage())
        : new AuthenticationFailedException(e.getMessage(), e);
  }

  /**
   * Verifies the token with quarkus-oidc's identity provider, without blocking: keys come from the
   * issuer's JWKS, fetched asynchronously and cached by quarkus-oidc. A token verified a moment ago
   * is answered from {@link VerifiedTokens} instead.
   */
  private Uni<SecurityIdentity> verified(
      String token, RoutingContext context, IdentityProviderManager identityProviderManager) {
    Principal known = verifiedTokens.principal(token);
    if (known != null) {
      return Uni.createFrom().item(identity(known));
    }
    TokenAuthenticationRequest request =
        new TokenAuthenticationRequest(new AccessTokenCredential(token));
    // quarkus-oidc's provider finds its tenant through the request's routing context.
    HttpSecurityUtils.setRoutingContextAttribute(request, context);
    return identityProviderManager
        .authenticate(request)
        .map(verified -> identity(remembered(token, claims(verified))))
        .onFailure()
        .transform(CallerAuthentication::tokenRefusal);
  }

  private Principal remembered(String token, Map<String, Object> claims) {
    Principal principal = oidcClaims.principal(claims);
    // quarkus-oidc requires exp, so a verified token always has one.
    if (claims.get("exp") instanceof Number exp) {
      verifiedTokens.remember(token, principal, Instant.ofEpochSecond(exp.longValue()));
    }
    return principal;
  }

  /**
   * The verified token's claims as plain Java values, read from its payload: smallrye-jwt's view
   * turns custom claims into JSON-P values and a {@code groups} string into no groups at all.
   */
  private static Map<String, Object> claims(@Nullable SecurityIdentity verified) {
    if (verified == null
        || !(verified.getPrincipal() instanceof JsonWebToken token)
        || token.getRawToken() == null) {
      throw new UnauthenticatedException("the bearer token is not a signed JWT");
    }
    String[] parts = token.getRawToken().split("\\.", -1);
    try {
      return JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), CLAIMS);
    } catch (IOException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      // Unreachable for a token quarkus-oidc has just parsed and verified.
      throw new IllegalStateException("a verified token's payload is not a JSON object", e);
    }
  }

  /**
   * The client learns that its token was refused, and whether it expired (so it knows to fetch a
   * new one); why else is logged, never sent: verification details help an attacker more than a
   * caller.
   */
  private static Throwable tokenRefusal(Throwable failure) {
    if (failure instanceof UnauthenticatedException refusal) {
      return new AuthenticationFailedException(refusal.getMessage());
    }
    LOG.debugf(failure, "bearer token refused");
    return new AuthenticationFailedException(
        expired(failure)
            ? "the bearer token has expired"
            : "the bearer token is not valid for this server");
  }

  private static boolean expired(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidJwtException invalid && invalid.hasExpired()) {
        return true;
      }
    }
    return false;
  }

  private static Uni<SecurityIdentity> refused(String message) {
    return Uni.createFrom().failure(new AuthenticationFailedException(message));
  }

  private static @Nullable String nonBlank(Optional<String> value) {
    return value.map(String::strip).filter(text -> !text.isEmpty()).orElse(null);
  }

  /**
   * Ahead of quarkus-oidc's mechanism ({@code quarkus.oidc.priority}, 1001 by default): this one
   * answers every request, so that one never authenticates on its own.
   */
  @Override
  public int getPriority() {
    return DEFAULT_PRIORITY + 1000;
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(TokenAuthenticationRequest.class);
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

package io.mlmeta.server.config;

import io.mlmeta.server.lineage.LineageEngine;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Every mlmeta-specific setting, under the {@code mlmeta.} prefix. */
@ConfigMapping(prefix = "mlmeta")
public interface MlmetaConfig {

  Limits limits();

  Lineage lineage();

  Launcher launcher();

  Http http();

  Security security();

  /** How callers are identified (issue 13; docs/adr/0005-identity-and-authorisation.md). */
  interface Security {

    /**
     * Serve requests without identity as the anonymous principal although the server listens on a
     * non-loopback address. Off by default: the server then refuses to start with anonymous access
     * open to the network.
     */
    @WithDefault("false")
    boolean insecureAnonymous();

    Proxy proxy();

    Admins admins();

    /**
     * Whether workspace owners may register and evolve types; otherwise only admins may. Types are
     * shared by every workspace, so a change to one reaches every team.
     */
    @WithDefault("false")
    boolean ownersRegisterTypes();

    /**
     * Whether any identified caller may create a workspace (becoming its owner); otherwise only
     * admins may.
     */
    @WithDefault("true")
    boolean anyoneCreatesWorkspaces();

    /**
     * How long a replica reuses a caller's roles and a verified API token before reading them
     * again. Changes made through this replica apply at once; other replicas see them within this
     * time.
     */
    @WithDefault("5s")
    java.time.Duration accessCacheTtl();

    /** Global admins: types, mirror administration, every token and every workspace. */
    interface Admins {

      /** Subjects (users or service accounts) that are admins. */
      Optional<java.util.List<String>> users();

      /** Groups whose members are admins. */
      Optional<java.util.List<String>> groups();
    }

    Oidc oidc();

    /** A gateway that authenticates users and names them in headers, as Kubeflow's does. */
    interface Proxy {

      /**
       * CIDR blocks of the proxies whose identity headers are believed; from any other address a
       * request carrying them is refused. Unset: no proxy is trusted.
       */
      Optional<java.util.List<String>> trustedCidrs();

      @WithDefault("kubeflow-userid")
      String userHeader();

      @WithDefault("kubeflow-groups")
      String groupsHeader();
    }

    /**
     * Bearer tokens (JWTs) of an OpenID Connect issuer, verified through quarkus-oidc against the
     * issuer's discovery document and keys. Kubernetes projected service-account tokens are tokens
     * of the cluster's issuer.
     */
    interface Oidc {

      /**
       * The issuer URL: its discovery document is at {@code
       * <issuer>/.well-known/openid-configuration} and tokens must carry it as {@code iss}. Unset:
       * bearer tokens other than mlmeta API tokens are refused.
       */
      Optional<String> issuer();

      /**
       * Audiences a token must name in {@code aud}, one of them at least; required with an issuer,
       * so a token issued for another service is not accepted here.
       */
      Optional<java.util.List<String>> audience();

      /** The claim that lists the caller's groups: an array of strings, or one string. */
      @WithDefault("groups")
      String groupsClaim();

      VerifiedTokenCache verifiedTokenCache();

      /**
       * Verified tokens remembered per replica, so a client sending the same token on every call is
       * verified once (quarkus-oidc caches the issuer's keys, not verified tokens).
       */
      interface VerifiedTokenCache {

        /**
         * How long a verified token is believed without checking it again, at most (never past its
         * exp): a key the issuer withdraws stops cached tokens within this time.
         */
        @WithDefault("5m")
        Duration maxAge();

        /** How many tokens are remembered; 0 turns the cache off. */
        @WithDefault("10000")
        int maxEntries();
      }
    }
  }

  /** What the server accepts from browsers and other HTTP clients. */
  interface Http {

    /**
     * Host names (without port) that requests may name in their Host header. Unset: any host when
     * the server listens on every interface, loopback names only when it listens on loopback (so a
     * web page cannot reach a local server through a rebound DNS name).
     */
    Optional<java.util.List<String>> allowedHosts();

    /**
     * Origins (scheme://host:port) of web pages allowed to send writes besides the server's own; a
     * cross-site write from any other origin is refused.
     */
    Optional<java.util.List<String>> allowedOrigins();
  }

  /** Set by {@code ./mlmeta server} for the server JVM it starts. */
  interface Launcher {

    /** The launcher's process id: the server shuts down when that process is gone. */
    Optional<Long> pid();
  }

  /** Guards against requests that would hurt the store or other tenants. */
  interface Limits {

    /** Largest properties (or schema) JSON document accepted, in bytes. */
    @WithDefault("262144")
    int maxPropertiesBytes();

    /** Most executions accepted in one batch call, and the write batch of the ingest stream. */
    @WithDefault("500")
    int maxBatchSize();

    /**
     * Most mutations one GraphQL document may hold; each runs in its own transaction, one after
     * another, so a bigger document holds a request thread for too long.
     */
    @WithDefault("50")
    int maxMutationsPerDocument();
  }

  /** The Neo4j mirror and the lineage query router. */
  interface Lineage {

    Neo4j neo4j();

    Projector projector();

    Index index();

    Router router();

    /** Connection to the Neo4j that mirrors the lineage graph; no URI means no mirror. */
    interface Neo4j {

      /** Bolt URI, for example {@code bolt://localhost:7687}. */
      Optional<String> uri();

      @WithDefault("neo4j")
      String user();

      Optional<String> password();
    }

    /** How outbox rows reach Neo4j. */
    interface Projector {

      /** Most node and edge changes applied to Neo4j in one batch. */
      @WithDefault("5000")
      int batchSize();

      /** Pause between polls when the outbox is drained. */
      @WithDefault("200ms")
      Duration pollInterval();

      /** Longest pause between retries while Neo4j is unreachable. */
      @WithDefault("15s")
      Duration maxBackoff();
    }

    /**
     * The lineage graph's topology, held in memory by every replica and fed by the outbox, so the
     * router can answer walks without a database round trip per hop.
     */
    interface Index {

      @WithDefault("true")
      boolean enabled();

      /**
       * Share of the maximum heap the index may take (estimated from its node count); past it the
       * index stands down and PostgreSQL answers.
       */
      @WithDefault("0.5")
      double maxHeapShare();

      /** Pause between outbox polls when the index is up to date. */
      @WithDefault("100ms")
      Duration pollInterval();
    }

    /**
     * Which engine answers each query shape. Defaults come from the benchmark (docs/benchmarks.md):
     * the in-memory index answers every shape fastest; when it is loading or disabled, PostgreSQL
     * answers instead. Values: {@code memory}, {@code postgres}, {@code neo4j}; any other value
     * stops the server at start.
     */
    interface Router {

      @WithDefault("memory")
      LineageEngine traverse();

      @WithDefault("memory")
      LineageEngine impact();

      @WithDefault("memory")
      LineageEngine paths();

      /** Time budget of a lineage query when the request gives none. */
      @WithDefault("10s")
      Duration timeBudget();
    }
  }
}

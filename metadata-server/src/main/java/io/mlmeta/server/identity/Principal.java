package io.mlmeta.server.identity;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The caller of one request, as the change log and the authorisation checks see it.
 *
 * @param subject stable identifier: the token's {@code sub}, the gateway's user header, or the API
 *     token's id
 * @param groups group names the caller belongs to, from the configured claim or header
 * @param kind how the caller was identified
 */
public record Principal(String subject, Set<String> groups, Kind kind) {

  /** How a principal was identified. */
  public enum Kind {
    /** A person, through an OIDC token or the gateway's header. */
    USER,
    /** A workload, through a Kubernetes service-account token. */
    SERVICE_ACCOUNT,
    /** A machine or CI job, through an mlmeta API token. */
    TOKEN,
    /** Nobody identified: only on a loopback server, or one set insecure. */
    ANONYMOUS
  }

  private static final Principal ANONYMOUS = new Principal("anonymous", Set.of(), Kind.ANONYMOUS);

  public Principal {
    Objects.requireNonNull(kind, "kind");
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("a principal needs a subject");
    }
    groups = Set.copyOf(groups);
  }

  public static Principal anonymous() {
    return ANONYMOUS;
  }

  public boolean isAnonymous() {
    return kind == Kind.ANONYMOUS;
  }

  /**
   * Everyone whose grants apply to this caller: an API token only its own (a token acts for a job,
   * not for the person who created it); a user or service account itself and each of its groups.
   */
  public Set<Grantee> grantees() {
    if (kind == Kind.ANONYMOUS) {
      return Set.of();
    }
    Set<Grantee> grantees = new HashSet<>();
    grantees.add(asGrantee());
    if (kind != Kind.TOKEN) {
      groups.forEach(group -> grantees.add(Grantee.group(group)));
    }
    return Set.copyOf(grantees);
  }

  /** This caller itself as a grantee: its token, or its subject as a user. */
  public Grantee asGrantee() {
    return kind == Kind.TOKEN ? Grantee.token(subject) : Grantee.user(subject);
  }
}

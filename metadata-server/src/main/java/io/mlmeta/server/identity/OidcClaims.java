package io.mlmeta.server.identity;

import io.mlmeta.server.domain.error.UnauthenticatedException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps the claims of an OIDC token whose signature, issuer, audience and lifetime have been
 * verified to the {@link Principal} it names: the subject from {@code sub}, the groups from the
 * configured claim. Kubernetes names a projected service-account token's subject {@code
 * system:serviceaccount:<namespace>:<name>}; such a subject is a service account, with the groups
 * the Kubernetes API server gives it ({@code system:serviceaccounts} and {@code
 * system:serviceaccounts:<namespace>}), so a namespace can be granted access as a group.
 */
public final class OidcClaims {

  private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";
  private static final String SERVICE_ACCOUNTS_GROUP = "system:serviceaccounts";

  private final String groupsClaim;

  /**
   * @param groupsClaim the claim that lists the caller's groups, as an array of strings or a single
   *     string
   */
  public OidcClaims(String groupsClaim) {
    if (groupsClaim.isBlank()) {
      throw new IllegalArgumentException("the groups claim needs a name");
    }
    this.groupsClaim = groupsClaim;
  }

  /**
   * The principal a verified token names.
   *
   * @param claims the token's claims: strings, numbers, booleans, and collections of them
   * @throws UnauthenticatedException when the token names no subject, or its groups claim is
   *     neither a string nor a list of strings
   */
  public Principal principal(Map<String, ?> claims) {
    if (!(claims.get("sub") instanceof String subject) || subject.isBlank()) {
      throw new UnauthenticatedException("the bearer token names no subject (sub)");
    }
    Set<String> groups = groups(claims.get(groupsClaim));
    String serviceAccountNamespace = serviceAccountNamespace(subject);
    if (serviceAccountNamespace == null) {
      return new Principal(subject, groups, Principal.Kind.USER);
    }
    Set<String> withImplied = new LinkedHashSet<>(groups);
    withImplied.add(SERVICE_ACCOUNTS_GROUP);
    withImplied.add(SERVICE_ACCOUNTS_GROUP + ":" + serviceAccountNamespace);
    return new Principal(subject, withImplied, Principal.Kind.SERVICE_ACCOUNT);
  }

  /** The namespace of a Kubernetes service-account subject, or null for any other subject. */
  private static @Nullable String serviceAccountNamespace(String subject) {
    if (!subject.startsWith(SERVICE_ACCOUNT_PREFIX)) {
      return null;
    }
    String[] parts = subject.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return null;
    }
    return parts[0];
  }

  private Set<String> groups(@Nullable Object value) {
    if (value == null) {
      return Set.of();
    }
    if (value instanceof String group) {
      return group.isBlank() ? Set.of() : Set.of(group.strip());
    }
    if (value instanceof Collection<?> values) {
      Set<String> groups = new LinkedHashSet<>();
      for (Object element : values) {
        if (!(element instanceof String group)) {
          throw notGroups();
        }
        if (!group.isBlank()) {
          groups.add(group.strip());
        }
      }
      return groups;
    }
    throw notGroups();
  }

  private UnauthenticatedException notGroups() {
    return new UnauthenticatedException(
        "the bearer token's " + groupsClaim + " claim is not a string or a list of strings");
  }
}

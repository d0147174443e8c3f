package io.mlmeta.sdk.access;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The caller as the server identified it.
 *
 * @param subject the user's or service account's subject, or the API token's id
 * @param groups the groups the token or gateway named
 * @param kind how the caller was identified
 * @param admin whether the caller is a global admin
 * @param roles the caller's role in each workspace it has one in, through its own, its groups' or
 *     its token's grants, by workspace name in the server's order
 */
public record Caller(
    String subject, List<String> groups, CallerKind kind, boolean admin, Map<String, Role> roles) {

  /** Copies the lists and maps. */
  public Caller {
    groups = List.copyOf(groups);
    roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
  }
}

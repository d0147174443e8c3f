package io.mlmeta.server.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.domain.ArtifactSpec;
import io.mlmeta.server.domain.ContextSpec;
import io.mlmeta.server.store.IdentityClaims;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The identities one write will find-or-create by, collected before it reads anything and then
 * claimed at once ({@link IdentityClaims}). Raw request values are used: a malformed one is claimed
 * too and rejected later, which costs nothing but a lock.
 */
final class Identities {

  private static final char SEPARATOR = '\u001f';
  private final Set<String> identities = new LinkedHashSet<>();

  Identities workspace(@Nullable String name) {
    if (name != null && !name.isBlank()) {
      add("workspace", name);
    }
    return this;
  }

  Identities execution(long workspaceId, @Nullable String externalId) {
    if (externalId != null && !externalId.isBlank()) {
      add("execution", Long.toString(workspaceId), externalId);
    }
    return this;
  }

  /**
   * What a new artifact may be found by: its external id, and with reuse its uri, name, version.
   */
  Identities artifact(long workspaceId, ArtifactSpec spec, boolean reuseIfExists) {
    String externalId = spec.externalId();
    if (externalId != null && !externalId.isBlank()) {
      add("artifact", Long.toString(workspaceId), externalId);
    }
    if (reuseIfExists && spec.type() != null) {
      ObjectNode properties = spec.properties();
      add(
          "equivalent-artifact",
          Long.toString(workspaceId),
          spec.type(),
          text(properties, "uri"),
          text(properties, "name"),
          text(properties, "version"));
    }
    return this;
  }

  Identities context(long workspaceId, ContextSpec spec) {
    String externalId = spec.externalId();
    if (externalId != null && !externalId.isBlank()) {
      add("context", Long.toString(workspaceId), externalId);
    }
    if (spec.type() != null && present(spec.name())) {
      add("named-context", Long.toString(workspaceId), spec.type(), spec.name());
    }
    if (spec.parentContextIds() != null && !spec.parentContextIds().isEmpty()) {
      contextParents(workspaceId);
    }
    return this;
  }

  /** The parent links of a workspace's contexts: checking them for cycles must not race. */
  Identities contextParents(long workspaceId) {
    add("context-parents", Long.toString(workspaceId));
    return this;
  }

  Identities type(String kind, String name) {
    if (present(name)) {
      add("type", kind, name);
    }
    return this;
  }

  /** Claims every identity collected, for the rest of the caller's transaction. */
  void claimWith(IdentityClaims claims) {
    claims.claim(identities);
  }

  private void add(String... parts) {
    identities.add(String.join(String.valueOf(SEPARATOR), parts));
  }

  private static boolean present(@Nullable String value) {
    return value != null && !value.isBlank();
  }

  /** The property as reuse compares it ({@link ArtifactService}), absent as empty. */
  private static String text(@Nullable ObjectNode properties, String field) {
    String value = properties == null ? null : ArtifactService.text(properties, field);
    return value == null ? "" : value;
  }
}

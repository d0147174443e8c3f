package io.mlmeta.server.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.domain.ArtifactSpec;
import io.mlmeta.server.domain.ContextSpec;
import io.mlmeta.server.store.IdentityClaims;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The identities one write will find-or-create by, collected before it reads anything and then
 * claimed at once ({@link IdentityClaims}). Raw request values are used: a malformed one is claimed
 * too and rejected later, which costs nothing but a lock.
 */
final class Identities {

  private static final char SEPARATOR = '\u001f';
  private final Set<String> identities = new LinkedHashSet<>();

  Identities workspace(String name) {
    if (present(name)) {
      add("workspace", name);
    }
    return this;
  }

  Identities execution(long workspaceId, String externalId) {
    if (present(externalId)) {
      add("execution", Long.toString(workspaceId), externalId);
    }
    return this;
  }

  /**
   * What a new artifact may be found by: its external id, and with reuse its uri, name, version.
   */
  Identities artifact(long workspaceId, ArtifactSpec spec, boolean reuseIfExists) {
    if (present(spec.externalId())) {
      add("artifact", Long.toString(workspaceId), spec.externalId());
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
    if (present(spec.externalId())) {
      add("context", Long.toString(workspaceId), spec.externalId());
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

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  /** The property as reuse compares it ({@link ArtifactService}), absent as empty. */
  private static String text(ObjectNode properties, String field) {
    String value = properties == null ? null : ArtifactService.text(properties, field);
    return value == null ? "" : value;
  }
}

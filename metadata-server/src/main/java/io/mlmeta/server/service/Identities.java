package io.mlmeta.server.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.domain.ArtifactSpec;
import io.mlmeta.server.domain.ContextSpec;
import io.mlmeta.server.store.IdentityClaims;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The identities one write will find-or-create by, collected before it reads anything and then
 * claimed at once ({@link IdentityClaims}). Raw request values are used: a malformed one is claimed
 * too and rejected later, which costs nothing but a lock.
 */
final class Identities {

  private static final char SEPARATOR = '\u001f';
  private final Set<String> identities = new LinkedHashSet<>();

  void workspace(String name) {
    if (present(name)) {
      add("workspace", name);
    }
  }

  void execution(long workspaceId, String externalId) {
    if (present(externalId)) {
      add("execution", Long.toString(workspaceId), externalId);
    }
  }

  /**
   * What a new artifact may be found by: its external id, and with reuse its uri, name, version.
   */
  void artifact(long workspaceId, ArtifactSpec spec, boolean reuseIfExists) {
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
  }

  void context(long workspaceId, ContextSpec spec) {
    if (present(spec.externalId())) {
      add("context", Long.toString(workspaceId), spec.externalId());
    }
    if (spec.type() != null && present(spec.name())) {
      add("named-context", Long.toString(workspaceId), spec.type(), spec.name());
    }
    if (spec.parentContextIds() != null && !spec.parentContextIds().isEmpty()) {
      contextParents(workspaceId);
    }
  }

  /** The parent links of a workspace's contexts: checking them for cycles must not race. */
  void contextParents(long workspaceId) {
    add("context-parents", Long.toString(workspaceId));
  }

  void type(String kind, String name) {
    if (present(name)) {
      add("type", kind, name);
    }
  }

  void claimWith(IdentityClaims claims) {
    claims.claim(identities);
  }

  /** Claims the identities that {@code collect} adds. */
  static void claim(IdentityClaims claims, Consumer<Identities> collect) {
    Identities identities = new Identities();
    collect.accept(identities);
    identities.claimWith(claims);
  }

  private void add(String... parts) {
    identities.add(String.join(String.valueOf(SEPARATOR), parts));
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static String text(ObjectNode properties, String field) {
    JsonNode value = properties == null ? null : properties.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }
}

package io.mlmeta.server.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.config.MlmetaConfig;
import io.mlmeta.server.domain.Artifact;
import io.mlmeta.server.domain.ArtifactFilter;
import io.mlmeta.server.domain.ArtifactSpec;
import io.mlmeta.server.domain.ArtifactState;
import io.mlmeta.server.domain.ArtifactUpdate;
import io.mlmeta.server.domain.MetadataType;
import io.mlmeta.server.domain.Page;
import io.mlmeta.server.domain.PageRequest;
import io.mlmeta.server.domain.PropertyOrder;
import io.mlmeta.server.domain.TypeKind;
import io.mlmeta.server.domain.Workspace;
import io.mlmeta.server.domain.error.AlreadyExistsException;
import io.mlmeta.server.domain.error.FailedPreconditionException;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import io.mlmeta.server.domain.error.NotFoundException;
import io.mlmeta.server.identity.Principal;
import io.mlmeta.server.identity.Role;
import io.mlmeta.server.outbox.OutboxWriter;
import io.mlmeta.server.service.validation.Inputs;
import io.mlmeta.server.service.validation.PageTokens;
import io.mlmeta.server.service.validation.PropertyPaths;
import io.mlmeta.server.service.validation.PropertySchemaValidator;
import io.mlmeta.server.store.ArtifactStore;
import io.mlmeta.server.store.ArtifactStore.Equivalence;
import io.mlmeta.server.store.Keyset;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Use cases of artifacts: create (idempotent by external id), read, list, update. */
@ServiceBoundary
@ApplicationScoped
public class ArtifactService {

  private final ArtifactStore artifacts;
  private final WriteSessions sessions;
  private final WorkspaceService workspaces;
  private final TypeService types;
  private final PropertySchemaValidator validator;
  private final OutboxWriter lineage;
  private final MlmetaConfig config;
  private final Clock clock;

  ArtifactService(
      ArtifactStore artifacts,
      WriteSessions sessions,
      WorkspaceService workspaces,
      TypeService types,
      PropertySchemaValidator validator,
      OutboxWriter lineage,
      MlmetaConfig config,
      Clock clock) {
    this.artifacts = artifacts;
    this.sessions = sessions;
    this.lineage = lineage;
    this.workspaces = workspaces;
    this.types = types;
    this.validator = validator;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Creates an artifact. With an external id already used in the workspace by an artifact of the
   * same type, returns that artifact instead (safe retries).
   *
   * @throws NotFoundException if the workspace or type does not exist
   * @throws InvalidArgumentException if the properties violate the type's schema
   * @throws AlreadyExistsException if the external id belongs to an artifact of another type
   */
  @ChangesMetadata
  @Transactional
  public Artifact create(Principal caller, String workspace, @Nullable ArtifactSpec spec) {
    Workspace ws = workspaces.forRole(caller, workspace, Role.WRITER);
    WriteSession session = sessions.open();
    if (spec != null) {
      session.claim(new Identities().artifact(ws.id(), spec, false));
    }
    Written written = write(ws, spec, false, "artifact", session);
    session.flush();
    if (written.created()) {
      lineage.artifact(ws.id(), written.artifact());
    }
    return written.artifact();
  }

  /**
   * @throws NotFoundException if no artifact has that id in a workspace the caller may read
   */
  @Transactional
  public Artifact get(Principal caller, long id) {
    return get(caller, id, Role.READER);
  }

  private Artifact get(Principal caller, long id, Role role) {
    Artifact artifact = artifacts.byId(id).orElseThrow(() -> NotFoundException.of("artifact", id));
    workspaces.requireForEntity(
        caller, artifact.workspace(), role, () -> NotFoundException.of("artifact", id));
    return artifact;
  }

  @Transactional
  public Page<Artifact> list(
      Principal caller, String workspace, @Nullable ArtifactFilter filter, PageRequest page) {
    return list(caller, workspace, filter, null, page);
  }

  /**
   * Artifacts of a workspace matching the filter, oldest first, or ordered by a numeric property
   * (for example the best trial's metrics first) when {@code order} is given.
   *
   * @throws InvalidArgumentException for a malformed property path or page token
   */
  @Transactional
  public Page<Artifact> list(
      Principal caller,
      String workspace,
      @Nullable ArtifactFilter filter,
      @Nullable PropertyOrder order,
      PageRequest page) {
    Workspace ws = workspaces.forRole(caller, workspace, Role.READER);
    ArtifactFilter validFilter = filter == null ? ArtifactFilter.none() : filter;
    Inputs.filter(
        Inputs.texts(
            "type", validFilter.type(),
            "name", validFilter.name(),
            "uri", validFilter.uri(),
            "version", validFilter.version(),
            "external_id", validFilter.externalId()),
        validFilter.labels(),
        validFilter.propertiesContain());
    for (int i = 0; i < validFilter.ranges().size(); i++) {
      PropertyPaths.check("filter.ranges[" + i + "].path", validFilter.ranges().get(i).path());
    }
    if (order != null) {
      PropertyPaths.check("order.path", order.path());
    }
    Long typeId = types.idForFilter(TypeKind.ARTIFACT, validFilter.type());
    int size = Inputs.pageSize(page.size());
    PageTokens.Position start =
        PageTokens.decodePosition(page.token(), fingerprint(validFilter, order));
    List<Artifact> rows =
        artifacts.list(
            ws.id(),
            typeId,
            validFilter,
            order,
            new Keyset(start.afterId(), start.afterValue()),
            size + 1);
    if (rows.size() <= size) {
      return new Page<>(rows, null);
    }
    List<Artifact> items = List.copyOf(rows.subList(0, size));
    return new Page<>(items, cursor(items.get(size - 1), validFilter, order));
  }

  /** The page token that resumes a list right after {@code artifact}. */
  public String cursor(
      Artifact artifact, @Nullable ArtifactFilter filter, @Nullable PropertyOrder order) {
    ArtifactFilter validFilter = filter == null ? ArtifactFilter.none() : filter;
    return PageTokens.encode(
        artifact.id(),
        order == null ? null : PropertyPaths.number(artifact.properties(), order.path()),
        fingerprint(validFilter, order));
  }

  private static Object fingerprint(ArtifactFilter filter, @Nullable PropertyOrder order) {
    return order == null ? filter : List.of(filter, order);
  }

  /**
   * Moves the state (legal transitions only), merges properties (re-validated) and sets the digest.
   *
   * @throws NotFoundException if no artifact has that id
   * @throws FailedPreconditionException for an illegal state transition
   * @throws InvalidArgumentException if the merged properties violate the type's schema
   */
  @ChangesMetadata
  @Transactional
  public Artifact update(Principal caller, ArtifactUpdate update) {
    Artifact current = get(caller, update.id(), Role.WRITER);
    ArtifactState next = update.state() == null ? current.state() : update.state();
    if (!current.state().canTransitionTo(next)) {
      throw new FailedPreconditionException(
          "artifact " + current.id() + " cannot move from " + current.state() + " to " + next);
    }
    ObjectNode properties = current.properties();
    if (update.propertiesPatch() != null && !update.propertiesPatch().isEmpty()) {
      properties = Patches.merge(current.properties(), update.propertiesPatch());
      Inputs.document("properties", properties, config.limits().maxPropertiesBytes());
      validator.validate(
          types.require(TypeKind.ARTIFACT, "type", current.type()), properties, "properties");
    }
    String digest =
        update.digest() == null ? current.digest() : emptyToNull(update.digest().strip());
    Artifact updated = artifacts.update(current.id(), next, properties, digest, clock.instant());
    if (next != current.state()
        || !java.util.Objects.equals(updated.name(), current.name())
        || !java.util.Objects.equals(updated.uri(), current.uri())) {
      lineage.artifact(workspaces.forWrite(current.workspace()).id(), updated);
    }
    return updated;
  }

  /** An artifact written (or found) on behalf of a create or record-execution use case. */
  record Written(Artifact artifact, boolean created) {}

  /**
   * Creates, or finds by external id or (with {@code reuseIfExists}) by uri, name and version. A
   * new artifact is queued: it is written when the session is flushed.
   */
  Written write(
      Workspace workspace,
      @Nullable ArtifactSpec spec,
      boolean reuseIfExists,
      String field,
      WriteSession session) {
    if (spec == null) {
      throw new InvalidArgumentException(field, "is required");
    }
    MetadataType type = session.type(TypeKind.ARTIFACT, field + ".type", spec.type());
    String externalId = Inputs.externalId(field + ".external_id", spec.externalId());
    ObjectNode properties =
        Inputs.document(
            field + ".properties", spec.properties(), config.limits().maxPropertiesBytes());
    ArtifactState state = spec.state() == null ? ArtifactState.LIVE : spec.state();
    if (externalId != null) {
      var existing = session.artifactByExternalId(workspace.id(), externalId);
      if (existing.isPresent()) {
        return new Written(sameType(existing.get(), type, externalId), false);
      }
    }
    validator.validate(type, properties, field + ".properties");
    Equivalence equivalence = equivalence(type, properties);
    if (reuseIfExists) {
      var equivalent = session.equivalentArtifact(workspace.id(), equivalence);
      if (equivalent.isPresent()) {
        return new Written(equivalent.get(), false);
      }
    }
    String digest = spec.digest() == null ? null : emptyToNull(spec.digest().strip());
    Artifact created =
        session.queueArtifact(workspace, type, externalId, state, properties, digest, equivalence);
    return new Written(created, true);
  }

  /** What reuse_if_exists compares: the type, and the uri, name and version properties. */
  static Equivalence equivalence(MetadataType type, @Nullable ObjectNode properties) {
    return properties == null
        ? new Equivalence(type.id(), null, null, null)
        : new Equivalence(
            type.id(),
            text(properties, "uri"),
            text(properties, "name"),
            text(properties, "version"));
  }

  private static Artifact sameType(Artifact existing, MetadataType type, String externalId) {
    if (!existing.type().equals(type.name())) {
      throw new AlreadyExistsException(
          "external_id " + externalId + " already names a " + existing.type() + " artifact");
    }
    return existing;
  }

  static @Nullable String text(ObjectNode properties, String field) {
    var value = properties.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static @Nullable String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }
}

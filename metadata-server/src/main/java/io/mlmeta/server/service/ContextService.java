package io.mlmeta.server.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.config.MlmetaConfig;
import io.mlmeta.server.domain.Context;
import io.mlmeta.server.domain.ContextFilter;
import io.mlmeta.server.domain.ContextSpec;
import io.mlmeta.server.domain.ContextUpdate;
import io.mlmeta.server.domain.MetadataType;
import io.mlmeta.server.domain.Page;
import io.mlmeta.server.domain.PageRequest;
import io.mlmeta.server.domain.TypeKind;
import io.mlmeta.server.domain.Workspace;
import io.mlmeta.server.domain.error.AlreadyExistsException;
import io.mlmeta.server.domain.error.FailedPreconditionException;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import io.mlmeta.server.domain.error.NotFoundException;
import io.mlmeta.server.identity.Principal;
import io.mlmeta.server.identity.Role;
import io.mlmeta.server.service.validation.Inputs;
import io.mlmeta.server.service.validation.PropertySchemaValidator;
import io.mlmeta.server.store.ContextStore;
import io.mlmeta.server.store.IdentityClaims;
import io.mlmeta.server.store.LinkStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Use cases of contexts (Run, Experiment, custom) and their links. */
@ServiceBoundary
@ApplicationScoped
public class ContextService {

  private final ContextStore contexts;
  private final LinkStore links;
  private final IdentityClaims claims;
  private final WriteSessions sessions;
  private final WorkspaceService workspaces;
  private final TypeService types;
  private final PropertySchemaValidator validator;
  private final MlmetaConfig config;
  private final Clock clock;

  ContextService(
      ContextStore contexts,
      LinkStore links,
      IdentityClaims claims,
      WriteSessions sessions,
      WorkspaceService workspaces,
      TypeService types,
      PropertySchemaValidator validator,
      MlmetaConfig config,
      Clock clock) {
    this.contexts = contexts;
    this.links = links;
    this.claims = claims;
    this.sessions = sessions;
    this.workspaces = workspaces;
    this.types = types;
    this.validator = validator;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Creates a context. Names are unique per workspace and type; with {@code reuseIfExists} the
   * existing context of that name is returned.
   *
   * @throws AlreadyExistsException if the name is taken and reuse was not asked for
   */
  @ChangesMetadata
  @Transactional
  public Context create(
      Principal caller, String workspace, @Nullable ContextSpec spec, boolean reuseIfExists) {
    Workspace ws = workspaces.forRole(caller, workspace, Role.WRITER);
    WriteSession session = sessions.open();
    if (spec != null) {
      session.claim(new Identities().context(ws.id(), spec));
    }
    return write(ws, spec, reuseIfExists, "context", session);
  }

  /**
   * @throws NotFoundException if no context has that id in a workspace the caller may read
   */
  @Transactional
  public Context get(Principal caller, long id) {
    return get(caller, id, Role.READER);
  }

  private Context get(Principal caller, long id, Role role) {
    Context context = get(id);
    workspaces.requireForEntity(
        caller, context.workspace(), role, () -> NotFoundException.of("context", id));
    return context;
  }

  private Context get(long id) {
    return contexts.byId(id).orElseThrow(() -> NotFoundException.of("context", id));
  }

  @Transactional
  public Page<Context> list(
      Principal caller, String workspace, @Nullable ContextFilter filter, PageRequest page) {
    Workspace ws = workspaces.forRole(caller, workspace, Role.READER);
    ContextFilter validFilter = filter == null ? ContextFilter.none() : filter;
    Inputs.filter(
        Inputs.texts(
            "type", validFilter.type(),
            "name", validFilter.name(),
            "external_id", validFilter.externalId()),
        validFilter.labels(),
        validFilter.propertiesContain());
    Long typeId = types.idForFilter(TypeKind.CONTEXT, validFilter.type());
    return Pages.page(
        page,
        validFilter,
        Context::id,
        (afterId, limit) -> contexts.list(ws.id(), typeId, validFilter, afterId, limit));
  }

  /**
   * @throws FailedPreconditionException if a new parent would create a cycle
   */
  @ChangesMetadata
  @Transactional
  public Context update(Principal caller, ContextUpdate update) {
    Context current = get(caller, update.id(), Role.WRITER);
    if (update.addParentContextIds() != null && !update.addParentContextIds().isEmpty()) {
      new Identities()
          .contextParents(workspaces.forWrite(current.workspace()).id())
          .claimWith(claims);
    }
    ObjectNode properties = current.properties();
    if (update.propertiesPatch() != null && !update.propertiesPatch().isEmpty()) {
      properties = Patches.merge(current.properties(), update.propertiesPatch());
      Inputs.document("properties", properties, config.limits().maxPropertiesBytes());
      validator.validate(
          types.require(TypeKind.CONTEXT, "type", current.type()), properties, "properties");
    }
    String description =
        update.description() == null
            ? current.description()
            : Inputs.optionalText("description", update.description());
    contexts.update(current.id(), description, properties, clock.instant());
    addParents(current, update.addParentContextIds(), "add_parent_context_ids");
    return get(current.id());
  }

  /** Attributes artifacts and associates executions with a context; returns how many were new. */
  @ChangesMetadata
  @Transactional
  public int[] link(
      Principal caller, long contextId, List<Long> artifactIds, List<Long> executionIds) {
    Context context = get(caller, contextId, Role.WRITER);
    Workspace ws = workspaces.forWrite(context.workspace());
    WriteSession session = sessions.open();
    for (int i = 0; i < artifactIds.size(); i++) {
      session.artifact(ws, artifactIds.get(i), "artifact_ids[" + i + "]");
    }
    for (int i = 0; i < executionIds.size(); i++) {
      session.execution(ws, executionIds.get(i), "execution_ids[" + i + "]");
    }
    return new int[] {
      links.addAttributions(contextId, new LinkedHashSet<>(artifactIds)),
      links.addAssociations(contextId, new LinkedHashSet<>(executionIds))
    };
  }

  /**
   * Finds by external id or (with {@code reuseIfExists}) by name, or creates. Contexts are inserted
   * at once, not queued: a new context's parent links and their cycle check need its row.
   */
  Context write(
      Workspace workspace,
      @Nullable ContextSpec spec,
      boolean reuseIfExists,
      String field,
      WriteSession session) {
    if (spec == null) {
      throw new InvalidArgumentException(field, "is required");
    }
    MetadataType type = session.type(TypeKind.CONTEXT, field + ".type", spec.type());
    String name = Inputs.name(field + ".name", spec.name());
    String externalId = Inputs.externalId(field + ".external_id", spec.externalId());
    if (externalId != null) {
      var existing = contexts.findByExternalId(workspace.id(), externalId);
      if (existing.isPresent()) {
        return existing.get();
      }
    }
    var sameName = contexts.findByName(workspace.id(), type.id(), name);
    if (sameName.isPresent()) {
      if (reuseIfExists) {
        return sameName.get();
      }
      throw new AlreadyExistsException(
          "a "
              + type.name()
              + " named "
              + name
              + " already exists in workspace "
              + workspace.name());
    }
    ObjectNode properties =
        Inputs.document(
            field + ".properties", spec.properties(), config.limits().maxPropertiesBytes());
    validator.validate(type, properties, field + ".properties");
    Context created =
        contexts.insert(
            workspace.id(),
            type.id(),
            new ContextSpec(
                type.name(),
                externalId,
                name,
                Inputs.optionalText(field + ".description", spec.description()),
                Inputs.labels(field + ".labels", spec.labels()),
                properties,
                List.of()),
            clock.instant());
    if (spec.parentContextIds() == null || spec.parentContextIds().isEmpty()) {
      return created;
    }
    addParents(created, spec.parentContextIds(), field + ".parent_context_ids");
    return contexts.byId(created.id()).orElseThrow();
  }

  /** An existing context referenced by id from a write in {@code workspace}. */
  Context reference(Workspace workspace, long id, String field) {
    Context context =
        contexts
            .byId(id)
            .orElseThrow(
                () -> new NotFoundException(field + ": context " + id + " does not exist"));
    if (!Objects.equals(context.workspace(), workspace.name())) {
      throw new InvalidArgumentException(field, "context " + id + " belongs to another workspace");
    }
    return context;
  }

  private void addParents(Context child, List<Long> parentIds, String field) {
    if (parentIds == null) {
      return;
    }
    Workspace ws = workspaces.forWrite(child.workspace());
    for (int i = 0; i < parentIds.size(); i++) {
      long parentId = parentIds.get(i);
      reference(ws, parentId, field + "[" + i + "]");
      if (contexts.isSelfOrAncestor(parentId, child.id())) {
        throw new FailedPreconditionException(
            field
                + "["
                + i
                + "]: making context "
                + parentId
                + " a parent of "
                + child.id()
                + " would create a cycle");
      }
      contexts.addParent(child.id(), parentId);
    }
  }
}

package io.mlmeta.server.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.config.MlmetaConfig;
import io.mlmeta.server.domain.Execution;
import io.mlmeta.server.domain.ExecutionFilter;
import io.mlmeta.server.domain.ExecutionSpec;
import io.mlmeta.server.domain.ExecutionState;
import io.mlmeta.server.domain.ExecutionUpdate;
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
import io.mlmeta.server.outbox.OutboxWriter;
import io.mlmeta.server.service.validation.Inputs;
import io.mlmeta.server.service.validation.PropertySchemaValidator;
import io.mlmeta.server.store.ExecutionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Use cases of executions, including their state machine. */
@ServiceBoundary
@ApplicationScoped
public class ExecutionService {

  private final ExecutionStore executions;
  private final WriteSessions sessions;
  private final WorkspaceService workspaces;
  private final TypeService types;
  private final PropertySchemaValidator validator;
  private final OutboxWriter lineage;
  private final MlmetaConfig config;
  private final Clock clock;

  ExecutionService(
      ExecutionStore executions,
      WriteSessions sessions,
      WorkspaceService workspaces,
      TypeService types,
      PropertySchemaValidator validator,
      OutboxWriter lineage,
      MlmetaConfig config,
      Clock clock) {
    this.executions = executions;
    this.sessions = sessions;
    this.lineage = lineage;
    this.workspaces = workspaces;
    this.types = types;
    this.validator = validator;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Creates an execution; an external id already used in the workspace returns that execution.
   *
   * @throws NotFoundException if the workspace or type does not exist
   * @throws InvalidArgumentException if a field is malformed or properties violate the schema
   */
  @ChangesMetadata
  @Transactional
  public Execution create(Principal caller, String workspace, @Nullable ExecutionSpec spec) {
    Workspace ws = workspaces.forRole(caller, workspace, Role.WRITER);
    WriteSession session = sessions.open();
    if (spec != null) {
      session.claim(new Identities().execution(ws.id(), spec.externalId()));
    }
    Written written = write(ws, spec, "execution", session);
    session.flush();
    if (written.created()) {
      lineage.execution(ws.id(), written.execution());
    }
    return written.execution();
  }

  /**
   * @throws NotFoundException if no execution has that id in a workspace the caller may read
   */
  @Transactional
  public Execution get(Principal caller, long id) {
    Execution execution =
        executions.byId(id).orElseThrow(() -> NotFoundException.of("execution", id));
    workspaces.requireForEntity(
        caller, execution.workspace(), Role.READER, () -> NotFoundException.of("execution", id));
    return execution;
  }

  @Transactional
  public Page<Execution> list(
      Principal caller, String workspace, @Nullable ExecutionFilter filter, PageRequest page) {
    Workspace ws = workspaces.forRole(caller, workspace, Role.READER);
    ExecutionFilter validFilter = filter == null ? ExecutionFilter.none() : filter;
    Inputs.filter(
        Inputs.texts(
            "type", validFilter.type(),
            "name", validFilter.name(),
            "external_id", validFilter.externalId()),
        validFilter.labels(),
        validFilter.propertiesContain());
    Long typeId = types.idForFilter(TypeKind.EXECUTION, validFilter.type());
    return Pages.page(
        page,
        validFilter,
        Execution::id,
        (afterId, limit) -> executions.list(ws.id(), typeId, validFilter, afterId, limit));
  }

  /**
   * Moves the state along legal transitions only (NEW, RUNNING, then one terminal state) and merges
   * properties.
   *
   * @throws FailedPreconditionException for an illegal transition, such as leaving a terminal state
   */
  @ChangesMetadata
  @Transactional
  public Execution update(Principal caller, ExecutionUpdate update) {
    Execution current =
        executions
            .findByIdForUpdate(update.id())
            .orElseThrow(() -> NotFoundException.of("execution", update.id()));
    workspaces.requireForEntity(
        caller,
        current.workspace(),
        Role.WRITER,
        () -> NotFoundException.of("execution", update.id()));
    ExecutionState next = update.state() == null ? current.state() : update.state();
    if (!current.state().canTransitionTo(next)) {
      throw new FailedPreconditionException(
          "execution "
              + current.id()
              + " cannot move from "
              + current.state()
              + " to "
              + next
              + (current.state().isTerminal() ? " (" + current.state() + " is final)" : ""));
    }
    ObjectNode properties = current.properties();
    if (update.propertiesPatch() != null && !update.propertiesPatch().isEmpty()) {
      properties = Patches.merge(current.properties(), update.propertiesPatch());
      Inputs.document("properties", properties, config.limits().maxPropertiesBytes());
      validator.validate(
          types.require(TypeKind.EXECUTION, "type", current.type()), properties, "properties");
    }
    String error =
        update.errorMessage() == null
            ? current.errorMessage()
            : Inputs.optionalText("error_message", update.errorMessage());
    Instant now = clock.instant();
    Execution updated =
        executions.update(
            current.id(),
            next,
            properties,
            error,
            startTime(next, current.startTime(), now),
            next.isTerminal() && current.endTime() == null ? now : current.endTime(),
            now);
    if (next != current.state()) {
      lineage.execution(workspaces.forWrite(current.workspace()).id(), updated);
    }
    return updated;
  }

  record Written(Execution execution, boolean created) {}

  /** Creates, or finds by external id; a new execution is queued until the session is flushed. */
  Written write(
      Workspace workspace, @Nullable ExecutionSpec spec, String field, WriteSession session) {
    if (spec == null) {
      throw new InvalidArgumentException(field, "is required");
    }
    MetadataType type = session.type(TypeKind.EXECUTION, field + ".type", spec.type());
    String externalId = Inputs.externalId(field + ".external_id", spec.externalId());
    if (externalId != null) {
      var existing = session.executionByExternalId(workspace.id(), externalId);
      if (existing.isPresent()) {
        if (!existing.get().type().equals(type.name())) {
          throw new AlreadyExistsException(
              "external_id "
                  + externalId
                  + " already names a "
                  + existing.get().type()
                  + " execution");
        }
        return new Written(existing.get(), false);
      }
    }
    ObjectNode properties =
        Inputs.document(
            field + ".properties", spec.properties(), config.limits().maxPropertiesBytes());
    validator.validate(type, properties, field + ".properties");
    ExecutionState state = spec.state() == null ? ExecutionState.NEW : spec.state();
    ExecutionSpec valid =
        new ExecutionSpec(
            type.name(),
            externalId,
            Inputs.name(field + ".name", spec.name()),
            Inputs.optionalText(field + ".description", spec.description()),
            Inputs.labels(field + ".labels", spec.labels()),
            state,
            properties,
            spec.errorMessage() == null || spec.errorMessage().isEmpty()
                ? null
                : Inputs.optionalText(field + ".error_message", spec.errorMessage()));
    Instant now = clock.instant();
    Execution created =
        session.queueExecution(
            workspace,
            type,
            valid,
            state,
            startTime(state, null, now),
            state.isTerminal() ? now : null,
            now);
    return new Written(created, true);
  }

  private static @Nullable Instant startTime(
      ExecutionState state, @Nullable Instant current, Instant now) {
    if (current != null || state == ExecutionState.NEW) {
      return current;
    }
    return now;
  }
}

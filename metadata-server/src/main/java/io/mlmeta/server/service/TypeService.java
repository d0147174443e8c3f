package io.mlmeta.server.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.config.MlmetaConfig;
import io.mlmeta.server.domain.MetadataType;
import io.mlmeta.server.domain.Page;
import io.mlmeta.server.domain.PageRequest;
import io.mlmeta.server.domain.TypeKind;
import io.mlmeta.server.domain.error.FailedPreconditionException;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import io.mlmeta.server.domain.error.NotFoundException;
import io.mlmeta.server.domain.error.PermissionDeniedException;
import io.mlmeta.server.identity.Permissions;
import io.mlmeta.server.identity.Principal;
import io.mlmeta.server.identity.Role;
import io.mlmeta.server.service.validation.Inputs;
import io.mlmeta.server.service.validation.PropertySchemaValidator;
import io.mlmeta.server.service.validation.SchemaCompatibility;
import io.mlmeta.server.store.ChangeAttribution;
import io.mlmeta.server.store.IdentityClaims;
import io.mlmeta.server.store.TypeStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Registration, evolution and lookup of artifact, execution and context types. */
@ServiceBoundary
@ApplicationScoped
public class TypeService {

  /** The change log's principal for the types the server registers at start-up. */
  static final String BUILT_IN_TYPES = "system:built-in-types";

  private final TypeStore types;
  private final IdentityClaims claims;
  private final PropertySchemaValidator validator;
  private final MlmetaConfig config;
  private final Access access;
  private final Clock clock;
  private final ChangeAttribution attribution;

  TypeService(
      TypeStore types,
      IdentityClaims claims,
      PropertySchemaValidator validator,
      MlmetaConfig config,
      Access access,
      Clock clock,
      ChangeAttribution attribution) {
    this.attribution = attribution;
    this.access = access;
    this.types = types;
    this.claims = claims;
    this.validator = validator;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Registers a type. Registering an identical schema again returns the type unchanged; a
   * compatible schema (only optional properties added) becomes the next version. Types are shared
   * by every workspace, so creating or changing one needs an admin (or, where the server allows it,
   * the owner of some workspace); repeating an identical registration needs no role, so clients may
   * register the types they use at start-up.
   *
   * @throws PermissionDeniedException if the registration would create or change a type and the
   *     caller may not
   * @throws InvalidArgumentException if the name or schema is malformed
   * @throws FailedPreconditionException if the schema is an incompatible change of the existing
   *     type
   */
  @ChangesMetadata
  @Transactional
  public MetadataType register(
      Principal caller,
      @Nullable TypeKind kind,
      String name,
      @Nullable String description,
      @Nullable ObjectNode schema) {
    return register(kind, name, description, schema, false, () -> mayChangeTypes(caller));
  }

  private void mayChangeTypes(Principal caller) {
    Permissions permissions = access.permissions(caller);
    boolean ownsAWorkspace =
        config.security().ownersRegisterTypes()
            && permissions.roles().values().stream().anyMatch(role -> role == Role.OWNER);
    if (!permissions.admin() && !ownsAWorkspace) {
      throw new PermissionDeniedException(
          config.security().ownersRegisterTypes()
              ? "registering or changing a type needs the admin role or ownership of a workspace"
              : "registering or changing a type needs the admin role");
    }
  }

  @Transactional
  MetadataType register(
      @Nullable TypeKind kind,
      String name,
      @Nullable String description,
      @Nullable ObjectNode schema,
      boolean builtin,
      Runnable authorise) {
    if (builtin) {
      attribution.attribute(BUILT_IN_TYPES, null);
    }
    if (kind == null) {
      throw new InvalidArgumentException("kind", "is required (ARTIFACT, EXECUTION or CONTEXT)");
    }
    String validName = Inputs.identifier("name", name);
    String validDescription = Inputs.optionalText("description", description);
    ObjectNode validSchema =
        Inputs.document("properties_schema", schema, config.limits().maxPropertiesBytes());
    validator.checkSchema("properties_schema", validSchema);
    new Identities().type(kind.name(), validName).claimWith(claims);
    var existing = types.find(kind, validName);
    if (existing.isEmpty()) {
      authorise.run();
      return types.create(kind, validName, validDescription, validSchema, builtin, clock.instant());
    }
    MetadataType current = existing.get();
    if (current.propertiesSchema().equals(validSchema)
        && current.description().equals(validDescription)) {
      return current;
    }
    List<String> problems = SchemaCompatibility.problems(current.propertiesSchema(), validSchema);
    if (!problems.isEmpty()) {
      throw new FailedPreconditionException(
          "the new schema of "
              + kind.name().toLowerCase(Locale.ROOT)
              + " type "
              + validName
              + " is incompatible with version "
              + current.version()
              + ": "
              + String.join("; ", problems)
              + " (only optional properties may be added)");
    }
    authorise.run();
    return types.evolve(current.id(), validDescription, validSchema, clock.instant());
  }

  /**
   * @throws NotFoundException if no type of that kind and name exists
   */
  @Transactional
  public MetadataType get(@Nullable TypeKind kind, String name) {
    if (kind == null) {
      throw new InvalidArgumentException("kind", "is required (ARTIFACT, EXECUTION or CONTEXT)");
    }
    String validName = Inputs.required("name", name);
    return types.find(kind, validName).orElseThrow(() -> unknown(kind, validName));
  }

  @Transactional
  public Page<MetadataType> list(@Nullable TypeKind kind, PageRequest page) {
    return Pages.page(
        page,
        kind == null ? "all" : kind.name(),
        MetadataType::id,
        (afterId, limit) -> types.list(kind, afterId, limit));
  }

  /** The type an instance names, for writes; unknown types are a NOT_FOUND naming the field. */
  MetadataType require(TypeKind kind, String field, String name) {
    String validName = Inputs.required(field, name);
    return types.find(kind, validName).orElseThrow(() -> unknown(kind, validName));
  }

  /** The id of a filter's type, or null when the filter names none. */
  @Nullable Long idForFilter(TypeKind kind, @Nullable String name) {
    if (name == null || name.isEmpty()) {
      return null;
    }
    return types.find(kind, name).orElseThrow(() -> unknown(kind, name)).id();
  }

  MetadataType byId(long id) {
    return types.get(id);
  }

  static NotFoundException unknown(TypeKind kind, String name) {
    return new NotFoundException(
        kind.name().toLowerCase(Locale.ROOT) + " type " + name + " does not exist");
  }
}

package io.mlmeta.server.api.graphql;

import io.mlmeta.server.api.graphql.model.Connection;
import io.mlmeta.server.api.graphql.model.Json;
import io.mlmeta.server.api.graphql.model.Label;
import io.mlmeta.server.api.graphql.model.TypeView;
import io.mlmeta.server.api.graphql.model.WorkspaceView;
import io.mlmeta.server.api.http.CallerIdentity;
import io.mlmeta.server.domain.MetadataType;
import io.mlmeta.server.domain.PageRequest;
import io.mlmeta.server.domain.TypeKind;
import io.mlmeta.server.domain.Workspace;
import io.mlmeta.server.service.TypeService;
import io.mlmeta.server.service.WorkspaceService;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.jspecify.annotations.Nullable;

/** Workspaces and types over GraphQL. */
@GraphQLApi
public class WorkspaceGraphQl {

  @Inject CallerIdentity caller;
  @Inject WorkspaceService workspaces;
  @Inject TypeService types;

  @Query
  @Description("A workspace by name.")
  public WorkspaceView workspace(@NonNull String name) {
    return WorkspaceView.from(workspaces.get(caller.principal(), name));
  }

  @Query
  @Description("All workspaces, oldest first.")
  public Connection<WorkspaceView> workspaces(
      @DefaultValue("100") @Nullable Integer first, @Nullable String after) {
    return Connection.of(
        workspaces.list(caller.principal(), PageRequest.of(first, after)),
        "workspaces",
        Workspace::id,
        WorkspaceView::from);
  }

  @Mutation
  @Description(
      "Creates a workspace; with reuseIfExists the existing workspace of that name is returned.")
  public WorkspaceView createWorkspace(
      @NonNull String name,
      @Nullable String description,
      @Nullable List<Label> labels,
      @DefaultValue("false") @Nullable Boolean reuseIfExists) {
    return WorkspaceView.from(
        workspaces.create(
            caller.principal(),
            name,
            description,
            Label.toMap(labels),
            Boolean.TRUE.equals(reuseIfExists)));
  }

  @Mutation
  @Description(
      "Changes a workspace's description and merges (or with replaceLabels replaces) labels.")
  public WorkspaceView updateWorkspace(
      @NonNull String name,
      @Nullable String description,
      @Nullable List<Label> labels,
      @DefaultValue("false") @Nullable Boolean replaceLabels) {
    return WorkspaceView.from(
        workspaces.update(
            caller.principal(),
            name,
            description,
            Label.toMap(labels),
            Boolean.TRUE.equals(replaceLabels)));
  }

  @Query("type")
  @Description("A type by kind and name.")
  public TypeView metadataType(@NonNull TypeKind kind, @NonNull String name) {
    return TypeView.from(types.get(kind, name));
  }

  @Query
  @Description("Types of one kind, or of all kinds.")
  public Connection<TypeView> types(
      @Nullable TypeKind kind,
      @DefaultValue("100") @Nullable Integer first,
      @Nullable String after) {
    return Connection.of(
        types.list(kind, PageRequest.of(first, after)),
        kind == null ? "all" : kind.name(),
        MetadataType::id,
        TypeView::from);
  }

  @Mutation
  @Description(
      "Registers a type, or evolves it compatibly (adding optional properties). propertiesSchema"
          + " is a JSON Schema (draft 2020-12) of an object, as JSON text.")
  public TypeView registerType(
      @NonNull TypeKind kind,
      @NonNull String name,
      @Nullable String description,
      @NonNull String propertiesSchema) {
    return TypeView.from(
        types.register(
            caller.principal(),
            kind,
            name,
            description,
            Json.object("propertiesSchema", propertiesSchema)));
  }
}

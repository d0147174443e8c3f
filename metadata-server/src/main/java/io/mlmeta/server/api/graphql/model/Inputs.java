package io.mlmeta.server.api.graphql.model;

import io.mlmeta.server.domain.ArtifactFilter;
import io.mlmeta.server.domain.ArtifactLink;
import io.mlmeta.server.domain.ArtifactSpec;
import io.mlmeta.server.domain.ArtifactState;
import io.mlmeta.server.domain.ContextFilter;
import io.mlmeta.server.domain.ContextLink;
import io.mlmeta.server.domain.ContextSpec;
import io.mlmeta.server.domain.ExecutionFilter;
import io.mlmeta.server.domain.ExecutionSpec;
import io.mlmeta.server.domain.ExecutionState;
import io.mlmeta.server.domain.PropertyOrder;
import io.mlmeta.server.domain.PropertyRange;
import io.mlmeta.server.domain.RecordExecution;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;

/** GraphQL input types and their conversion to domain commands. */
public final class Inputs {

  private Inputs() {}

  @Input("ArtifactInput")
  @Description("A new artifact. `properties` is a JSON object text with every field of the type.")
  public record ArtifactInput(
      @NonNull String type,
      @Nullable String externalId,
      @Nullable String properties,
      @Nullable ArtifactState state,
      @Nullable String digest) {

    ArtifactSpec toDomain(String field) {
      return new ArtifactSpec(
          type, externalId, Json.object(field + ".properties", properties), state, digest);
    }
  }

  @Input("ExecutionInput")
  @Description("A new execution. `properties` is a JSON object text.")
  public record ExecutionInput(
      @NonNull String type,
      @Nullable String externalId,
      @NonNull String name,
      @Nullable String description,
      @Nullable List<Label> labels,
      @Nullable ExecutionState state,
      @Nullable String properties,
      @Nullable String errorMessage) {

    public ExecutionSpec toDomain(String field) {
      return new ExecutionSpec(
          type,
          externalId,
          name,
          description,
          Label.toMap(labels),
          state,
          Json.object(field + ".properties", properties),
          errorMessage);
    }
  }

  @Input("ContextInput")
  @Description("A new context. `properties` is a JSON object text.")
  public record ContextInput(
      @NonNull String type,
      @Nullable String externalId,
      @NonNull String name,
      @Nullable String description,
      @Nullable List<Label> labels,
      @Nullable String properties,
      @Nullable List<String> parentContextIds) {

    public ContextSpec toDomain(String field) {
      return new ContextSpec(
          type,
          externalId,
          name,
          description,
          Label.toMap(labels),
          Json.object(field + ".properties", properties),
          ids(field + ".parentContextIds", parentContextIds));
    }
  }

  @Input("PropertyRange")
  @Description(
      "A numeric condition on the property at a dotted path such as values.accuracy; entities"
          + " without a number there do not match.")
  public record PropertyRangeInput(
      @NonNull String path,
      @Nullable BigDecimal gt,
      @Nullable BigDecimal gte,
      @Nullable BigDecimal lt,
      @Nullable BigDecimal lte) {

    PropertyRange toDomain() {
      return new PropertyRange(path, gt, gte, lt, lte);
    }
  }

  @Input("PropertyOrder")
  @Description(
      "Orders by the number at a dotted property path (values.accuracy), then by id; entities"
          + " without a number there are left out.")
  public record PropertyOrderInput(
      @NonNull String path,
      @Description("Largest first; false when omitted.") @Nullable Boolean descending) {

    public static @Nullable PropertyOrder toDomain(@Nullable PropertyOrderInput input) {
      return input == null
          ? null
          : new PropertyOrder(input.path, Boolean.TRUE.equals(input.descending));
    }
  }

  @Input("ArtifactFilter")
  @Description(
      "Narrows an artifact list. `propertiesContain` is a JSON object the properties must contain;"
          + " `ranges` are numeric conditions on property paths.")
  public record ArtifactFilterInput(
      @Nullable String type,
      @Nullable String name,
      @Nullable String uri,
      @Nullable String version,
      @Nullable ArtifactState state,
      @Nullable List<Label> labels,
      @Nullable String propertiesContain,
      @Nullable Instant createdAfter,
      @Nullable Instant createdBefore,
      @Nullable String externalId,
      @Id @Nullable String contextId,
      @Nullable List<PropertyRangeInput> ranges) {

    public static ArtifactFilter toDomain(@Nullable ArtifactFilterInput f) {
      if (f == null) {
        return ArtifactFilter.none();
      }
      return new ArtifactFilter(
          blankToNull(f.type),
          blankToNull(f.name),
          blankToNull(f.uri),
          blankToNull(f.version),
          f.state,
          Label.toMap(f.labels),
          Json.object("filter.propertiesContain", f.propertiesContain),
          f.createdAfter,
          f.createdBefore,
          blankToNull(f.externalId),
          f.contextId == null ? null : Json.id("filter.contextId", f.contextId),
          f.ranges == null
              ? List.of()
              : f.ranges.stream().map(PropertyRangeInput::toDomain).toList());
    }
  }

  @Input("ExecutionFilter")
  @Description("Narrows an execution list.")
  public record ExecutionFilterInput(
      @Nullable String type,
      @Nullable String name,
      @Nullable ExecutionState state,
      @Nullable List<Label> labels,
      @Nullable String propertiesContain,
      @Nullable Instant createdAfter,
      @Nullable Instant createdBefore,
      @Nullable String externalId,
      @Id @Nullable String contextId) {

    public static ExecutionFilter toDomain(@Nullable ExecutionFilterInput f) {
      if (f == null) {
        return ExecutionFilter.none();
      }
      return new ExecutionFilter(
          blankToNull(f.type),
          blankToNull(f.name),
          f.state,
          Label.toMap(f.labels),
          Json.object("filter.propertiesContain", f.propertiesContain),
          f.createdAfter,
          f.createdBefore,
          blankToNull(f.externalId),
          f.contextId == null ? null : Json.id("filter.contextId", f.contextId));
    }
  }

  @Input("ContextFilter")
  @Description("Narrows a context list.")
  public record ContextFilterInput(
      @Nullable String type,
      @Nullable String name,
      @Nullable List<Label> labels,
      @Nullable String propertiesContain,
      @Nullable Instant createdAfter,
      @Nullable Instant createdBefore,
      @Nullable String externalId,
      @Id @Nullable String parentContextId) {

    public static ContextFilter toDomain(@Nullable ContextFilterInput f) {
      if (f == null) {
        return ContextFilter.none();
      }
      return new ContextFilter(
          blankToNull(f.type),
          blankToNull(f.name),
          Label.toMap(f.labels),
          Json.object("filter.propertiesContain", f.propertiesContain),
          f.createdAfter,
          f.createdBefore,
          blankToNull(f.externalId),
          f.parentContextId == null ? null : Json.id("filter.parentContextId", f.parentContextId));
    }
  }

  @Input("ArtifactLinkInput")
  @Description(
      "An artifact an execution read or wrote: `artifactId` of an existing one, or `newArtifact`."
          + " With reuseIfExists a new artifact equal by type, uri, name and version to an existing"
          + " one links that one instead.")
  public record ArtifactLinkInput(
      @Id @Nullable String artifactId,
      @Nullable ArtifactInput newArtifact,
      @Nullable Boolean reuseIfExists) {

    ArtifactLink toDomain(String field) {
      return new ArtifactLink(
          artifactId == null ? null : Json.id(field + ".artifactId", artifactId),
          newArtifact == null ? null : newArtifact.toDomain(field + ".newArtifact"),
          Boolean.TRUE.equals(reuseIfExists));
    }
  }

  @Input("ContextLinkInput")
  @Description("A context by id, or one found by type and name (or created) from `context`.")
  public record ContextLinkInput(@Id @Nullable String contextId, @Nullable ContextInput context) {

    ContextLink toDomain(String field) {
      return new ContextLink(
          contextId == null ? null : Json.id(field + ".contextId", contextId),
          context == null ? null : context.toDomain(field + ".context"));
    }
  }

  @Input("RecordExecutionInput")
  @Description(
      "An execution (existing `executionId` or new `execution`) with its inputs, outputs and"
          + " contexts, recorded in one transaction.")
  public record RecordExecutionInput(
      @NonNull String workspace,
      @Id @Nullable String executionId,
      @Nullable ExecutionInput execution,
      @Nullable List<ArtifactLinkInput> inputs,
      @Nullable List<ArtifactLinkInput> outputs,
      @Nullable List<ContextLinkInput> contexts) {

    public RecordExecution toDomain() {
      return new RecordExecution(
          workspace,
          executionId == null ? null : Json.id("executionId", executionId),
          execution == null ? null : execution.toDomain("execution"),
          links(inputs, "inputs"),
          links(outputs, "outputs"),
          contexts == null
              ? List.of()
              : indexed(contexts.size()).stream()
                  .map(i -> contexts.get(i).toDomain("contexts[" + i + "]"))
                  .toList());
    }

    private static List<ArtifactLink> links(@Nullable List<ArtifactLinkInput> links, String field) {
      if (links == null) {
        return List.of();
      }
      return indexed(links.size()).stream()
          .map(i -> links.get(i).toDomain(field + "[" + i + "]"))
          .toList();
    }
  }

  public static List<Long> ids(String field, @Nullable List<String> ids) {
    if (ids == null) {
      return List.of();
    }
    return indexed(ids.size()).stream()
        .map(i -> Json.id(field + "[" + i + "]", ids.get(i)))
        .toList();
  }

  private static List<Integer> indexed(int size) {
    return java.util.stream.IntStream.range(0, size).boxed().toList();
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }
}

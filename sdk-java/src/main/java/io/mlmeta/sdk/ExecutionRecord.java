package io.mlmeta.sdk;

import io.mlmeta.sdk.model.Artifact;
import io.mlmeta.sdk.model.ExecutionState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One execution with its inputs and outputs, to be written by an {@link ExecutionBatch}. Unsaved
 * artifacts are stored with the execution (data sets and models de-duplicated); saved ones are
 * linked by id.
 *
 * @param name the execution's name, required
 * @param type the execution type; {@code Execution} by default
 * @param description free-form description, or null
 * @param labels free-form string labels, never null
 * @param state the state to record; {@code COMPLETE} by default (batches usually log finished work)
 * @param properties free-form execution properties, never null
 * @param run the run everything belongs to, or null
 * @param inputs artifacts read, never null
 * @param outputs artifacts written, never null
 * @param externalId the execution's idempotency key, or null to let the SDK generate one
 */
public record ExecutionRecord(
    String name,
    String type,
    @Nullable String description,
    Map<String, String> labels,
    ExecutionState state,
    Map<String, Object> properties,
    @Nullable Run run,
    List<Artifact> inputs,
    List<Artifact> outputs,
    @Nullable String externalId) {

  /**
   * Checks the name, puts the defaults in place of nulls and makes the collections immutable. (Not
   * a compact constructor, so that the parameters can be null where the components never are.)
   */
  public ExecutionRecord(
      String name,
      @Nullable String type,
      @Nullable String description,
      @Nullable Map<String, String> labels,
      @Nullable ExecutionState state,
      @Nullable Map<String, Object> properties,
      @Nullable Run run,
      @Nullable List<Artifact> inputs,
      @Nullable List<Artifact> outputs,
      @Nullable String externalId) {
    Objects.requireNonNull(name, "name");
    this.name = name;
    this.type = type == null ? Execution.DEFAULT_TYPE : type;
    this.description = description;
    this.labels =
        labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    this.state = state == null ? ExecutionState.COMPLETE : state;
    this.properties =
        properties == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    this.run = run;
    this.inputs = inputs == null ? List.of() : List.copyOf(inputs);
    this.outputs = outputs == null ? List.of() : List.copyOf(outputs);
    this.externalId = externalId;
  }

  /** A builder of a record with this execution name. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds {@link ExecutionRecord}s. */
  public static final class Builder {
    private final String name;
    private @Nullable String type;
    private @Nullable String description;
    private @Nullable Map<String, String> labels;
    private @Nullable ExecutionState state;
    private @Nullable Map<String, Object> properties;
    private @Nullable Run run;
    private final List<Artifact> inputs = new ArrayList<>();
    private final List<Artifact> outputs = new ArrayList<>();
    private @Nullable String externalId;

    private Builder(String name) {
      this.name = name;
    }

    /** The execution type, such as {@code Train}. */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /** The description. */
    public Builder description(@Nullable String description) {
      this.description = description;
      return this;
    }

    /** The labels. */
    public Builder labels(Map<String, String> labels) {
      this.labels = labels;
      return this;
    }

    /** The state to record. */
    public Builder state(ExecutionState state) {
      this.state = state;
      return this;
    }

    /** Free-form execution properties (JSON-like values). */
    public Builder properties(Map<String, Object> properties) {
      this.properties = properties;
      return this;
    }

    /** The run everything belongs to. */
    public Builder run(@Nullable Run run) {
      this.run = run;
      return this;
    }

    /** Adds artifacts read. */
    public Builder input(Artifact... artifacts) {
      inputs.addAll(List.of(artifacts));
      return this;
    }

    /** Adds artifacts written. */
    public Builder output(Artifact... artifacts) {
      outputs.addAll(List.of(artifacts));
      return this;
    }

    /** The execution's idempotency key. */
    public Builder externalId(@Nullable String externalId) {
      this.externalId = externalId;
      return this;
    }

    /** The record. */
    public ExecutionRecord build() {
      return new ExecutionRecord(
          name, type, description, labels, state, properties, run, inputs, outputs, externalId);
    }
  }
}

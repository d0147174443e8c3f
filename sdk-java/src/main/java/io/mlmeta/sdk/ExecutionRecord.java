package io.mlmeta.sdk;

import io.mlmeta.sdk.model.Artifact;
import io.mlmeta.sdk.model.ExecutionState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
    String description,
    Map<String, String> labels,
    ExecutionState state,
    Map<String, Object> properties,
    Run run,
    List<Artifact> inputs,
    List<Artifact> outputs,
    String externalId) {

  /** Checks the name and makes the collections immutable. */
  public ExecutionRecord {
    Objects.requireNonNull(name, "name");
    type = type == null ? Execution.DEFAULT_TYPE : type;
    labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    state = state == null ? ExecutionState.COMPLETE : state;
    properties =
        properties == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
  }

  /** A builder of a record with this execution name. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds {@link ExecutionRecord}s. */
  public static final class Builder {
    private final String name;
    private String type;
    private String description;
    private Map<String, String> labels;
    private ExecutionState state;
    private Map<String, Object> properties;
    private Run run;
    private final List<Artifact> inputs = new ArrayList<>();
    private final List<Artifact> outputs = new ArrayList<>();
    private String externalId;

    private Builder(String name) {
      this.name = name;
    }

    /** The execution type, such as {@code Train}. */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /** The description. */
    public Builder description(String description) {
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
    public Builder run(Run run) {
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
    public Builder externalId(String externalId) {
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

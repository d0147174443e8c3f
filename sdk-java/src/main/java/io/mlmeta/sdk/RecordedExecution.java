package io.mlmeta.sdk;

import io.mlmeta.sdk.model.Artifact;
import java.util.List;

/**
 * What the server stored for one {@link ExecutionRecord}.
 *
 * @param execution the stored execution
 * @param inputs the stored inputs, in the record's order
 * @param outputs the stored outputs, in the record's order
 */
public record RecordedExecution(
    Execution execution, List<Artifact> inputs, List<Artifact> outputs) {

  /** Makes the lists immutable. */
  public RecordedExecution {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }
}

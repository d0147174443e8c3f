package io.mlmeta.server.lineage;

import io.mlmeta.graph.WritableLineageGraph;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Admin work that must not race the projector, so the projector thread runs it. */
final class MirrorTask {

  private final Function<WritableLineageGraph, Object> work;
  private final CompletableFuture<Object> result = new CompletableFuture<>();

  MirrorTask(Function<WritableLineageGraph, Object> work) {
    this.work = work;
  }

  void run(WritableLineageGraph neo4j) {
    try {
      result.complete(work.apply(neo4j));
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
  }

  CompletableFuture<Object> result() {
    return result;
  }
}

package io.mlmeta.server.api.graphql;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.AbortExecutionException;
import graphql.execution.AsyncSerialExecutionStrategy;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import io.mlmeta.server.config.MlmetaConfig;
import io.quarkus.arc.Arc;
import io.smallrye.graphql.execution.error.ExceptionHandler;
import io.smallrye.graphql.spi.EventingService;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Caps the mutations one GraphQL document may hold. Each mutation runs in its own transaction, one
 * after another, so a document of hundreds of aliased mutations would hold a request thread for as
 * long as all of them take; batches belong in the gRPC batch call, whose size is limited too. The
 * query cost limits do not cover this: a few hundred mutations ask for few fields.
 */
public final class MutationsPerDocumentLimit implements EventingService {

  /** Registered in {@code META-INF/services}; SmallRye GraphQL loads it with a service loader. */
  public MutationsPerDocumentLimit() {}

  /** None: SmallRye GraphQL enables a service without a key unconditionally. */
  @Override
  public @Nullable String getConfigKey() {
    return null;
  }

  @Override
  public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder engine) {
    int maxMutations =
        Arc.container().instance(MlmetaConfig.class).get().limits().maxMutationsPerDocument();
    return engine.mutationExecutionStrategy(new BoundedSerialStrategy(maxMutations));
  }

  /**
   * graphql-java's serial strategy for mutations, refusing the whole document when it is too big.
   */
  private static final class BoundedSerialStrategy extends AsyncSerialExecutionStrategy {

    private final int maxMutations;

    BoundedSerialStrategy(int maxMutations) {
      super(new ExceptionHandler());
      this.maxMutations = maxMutations;
    }

    @Override
    public CompletableFuture<ExecutionResult> execute(
        ExecutionContext context, ExecutionStrategyParameters parameters) {
      int mutations = parameters.getFields().size();
      if (mutations > maxMutations) {
        throw new AbortExecutionException(
            "the document holds "
                + mutations
                + " mutations; at most "
                + maxMutations
                + " may run in one request (MLMETA_LIMITS_MAX_MUTATIONS_PER_DOCUMENT)");
      }
      return super.execute(context, parameters);
    }
  }
}

package io.mlmeta.server.api.error;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.graphql.execution.error.ErrorInfoMap;
import io.smallrye.graphql.schema.model.ErrorInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;

/**
 * Makes GraphQL's {@code extensions.code} come from the same table as gRPC and HTTP statuses (for
 * example {@code NOT_FOUND}) instead of SmallRye's code derived from the exception's class name.
 */
@ApplicationScoped
public class GraphQlErrorCodes {

  void register(@Observes StartupEvent event) {
    Map<String, ErrorInfo> codes = new HashMap<>();
    ErrorTable.codes()
        .forEach(
            (type, code) -> codes.put(type.getName(), new ErrorInfo(type.getName(), code.name())));
    ErrorInfoMap.register(codes);
  }
}

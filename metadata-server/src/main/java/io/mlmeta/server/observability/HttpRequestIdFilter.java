package io.mlmeta.server.observability;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

/** Tags every HTTP request (GraphQL, REST, health) with a request id, echoed in the response. */
@ApplicationScoped
public class HttpRequestIdFilter {

  void install(@Observes Router router) {
    router
        .route()
        .order(-1000)
        .handler(
            context -> {
              String id = RequestIds.accept(context.request().getHeader(RequestIds.HEADER));
              MDC.put(RequestIds.MDC_KEY, id);
              context.response().putHeader(RequestIds.HEADER, id);
              context.addEndHandler(ignored -> MDC.remove(RequestIds.MDC_KEY));
              context.next();
            });
  }
}

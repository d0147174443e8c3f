package io.mlmeta.server.api.http;

import io.mlmeta.server.api.error.ErrorCode;
import io.mlmeta.server.domain.error.UnavailableException;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Answers a refused identity in each client's own terms: gRPC clients get status UNAUTHENTICATED
 * with the reason, HTTP and GraphQL clients 401 with a GraphQL-shaped error naming it. Credentials
 * that could not be checked during an outage are UNAVAILABLE / 503 instead, so clients retry.
 */
@ApplicationScoped
public class AuthenticationRefusals {

  void install(@Observes Router router) {
    router.route().order(-1000).failureHandler(this::refuse);
  }

  private void refuse(RoutingContext context) {
    if (!(context.failure() instanceof AuthenticationFailedException failure)
        || context.response().headWritten()) {
      context.next();
      return;
    }
    String message =
        failure.getMessage() == null ? "the caller could not be identified" : failure.getMessage();
    ErrorCode code =
        failure.getCause() instanceof UnavailableException
            ? ErrorCode.UNAVAILABLE
            : ErrorCode.UNAUTHENTICATED;
    if (HttpRefusals.mediaType(context.request()).startsWith("application/grpc")) {
      // A trailers-only gRPC response: HTTP 200 with the status in the headers.
      context
          .response()
          .setStatusCode(200)
          .putHeader("content-type", "application/grpc")
          .putHeader("grpc-status", String.valueOf(code.grpc().value()))
          .putHeader("grpc-message", percentEncoded(message))
          .end();
      return;
    }
    if (code == ErrorCode.UNAUTHENTICATED) {
      context.response().putHeader("WWW-Authenticate", "Bearer");
    }
    HttpRefusals.refuse(context, code.httpStatus(), message, code.name());
  }

  /** gRPC's percent-encoding of status messages (spaces may stay, as in the gRPC spec). */
  private static String percentEncoded(String message) {
    return URLEncoder.encode(message, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

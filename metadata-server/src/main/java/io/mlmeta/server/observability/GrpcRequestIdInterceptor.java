package io.mlmeta.server.observability;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.MDC;

/**
 * Tags every gRPC call with a request id (from x-request-id metadata or new), echoed in headers.
 */
@ApplicationScoped
@GlobalInterceptor
public class GrpcRequestIdInterceptor implements ServerInterceptor {

  private static final Metadata.Key<String> KEY =
      Metadata.Key.of(RequestIds.HEADER, Metadata.ASCII_STRING_MARSHALLER);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String id = RequestIds.accept(headers.get(KEY));
    MDC.put(RequestIds.MDC_KEY, id);
    return next.startCall(
        new SimpleForwardingServerCall<>(call) {
          @Override
          public void sendHeaders(Metadata responseHeaders) {
            responseHeaders.put(KEY, id);
            super.sendHeaders(responseHeaders);
          }
        },
        headers);
  }
}

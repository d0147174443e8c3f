package io.mlmeta.server.api.grpc;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.mlmeta.server.api.error.ErrorCode;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a unary or server-streaming call whose request message could not be parsed with
 * INVALID_ARGUMENT. The transport drops such a message and half-closes, which grpc-java's stubs
 * would report as INTERNAL ("Half-closed without a request"), blaming the server for the client's
 * bytes.
 */
@ApplicationScoped
@GlobalInterceptor
public class UnparseableRequestInterceptor implements ServerInterceptor {

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    ServerCall.Listener<Q> delegate = next.startCall(call, headers);
    if (!call.getMethodDescriptor().getType().clientSendsOneMessage()) {
      return delegate;
    }
    return new SimpleForwardingServerCallListener<>(delegate) {
      private boolean received;

      @Override
      public void onMessage(Q message) {
        received = true;
        super.onMessage(message);
      }

      @Override
      public void onHalfClose() {
        if (received) {
          super.onHalfClose();
          return;
        }
        call.close(
            Status.fromCode(ErrorCode.INVALID_ARGUMENT.grpc())
                .withDescription(
                    "the request is not a valid "
                        + call.getMethodDescriptor().getFullMethodName()
                        + " request message"),
            new Metadata());
      }
    };
  }
}

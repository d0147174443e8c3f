package io.mlmeta.server.api.grpc;

import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.mlmeta.server.api.error.ErrorCode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a request message that cannot be parsed reach the service as a marker, which fails the call
 * with INVALID_ARGUMENT. The HTTP/2 bridge otherwise drops such a message without a word: a unary
 * call then looks half-closed without a request, and a client stream stalls until the client's
 * deadline, because the dropped message is never asked past.
 */
final class TolerantRequests {

  // A field number no mlmeta message uses, so the marker cannot come from a client's valid bytes.
  private static final int MARKER_FIELD = 536_870_911;

  private TolerantRequests() {}

  static ServerServiceDefinition wrap(ServerServiceDefinition service) {
    ServiceDescriptor original = service.getServiceDescriptor();
    List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      methods.add(tolerant(method));
    }
    ServiceDescriptor.Builder descriptor =
        ServiceDescriptor.newBuilder(original.getName())
            .setSchemaDescriptor(original.getSchemaDescriptor());
    methods.forEach(method -> descriptor.addMethod(method.getMethodDescriptor()));
    ServerServiceDefinition.Builder wrapped = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(wrapped::addMethod);
    return wrapped.build();
  }

  private static <Q, R> ServerMethodDefinition<Q, R> tolerant(ServerMethodDefinition<Q, R> method) {
    MethodDescriptor<Q, R> descriptor = method.getMethodDescriptor();
    if (!(descriptor.getRequestMarshaller()
        instanceof MethodDescriptor.PrototypeMarshaller<Q> marshaller)) {
      return method;
    }
    if (!(marshaller.getMessagePrototype() instanceof Message prototype)) {
      return method;
    }
    @SuppressWarnings("unchecked")
    Q marker =
        (Q)
            prototype.toBuilder()
                .setUnknownFields(
                    UnknownFieldSet.newBuilder()
                        .addField(
                            MARKER_FIELD, UnknownFieldSet.Field.newBuilder().addVarint(1).build())
                        .build())
                .build();
    MethodDescriptor<Q, R> lenient =
        descriptor.toBuilder().setRequestMarshaller(new Lenient<>(marshaller, marker)).build();
    ServerCallHandler<Q, R> handler = method.getServerCallHandler();
    String refusal =
        "the request is not a valid " + descriptor.getFullMethodName() + " request message";
    return ServerMethodDefinition.create(
        lenient,
        (call, headers) ->
            new SimpleForwardingServerCallListener<Q>(handler.startCall(call, headers)) {
              private boolean refused;

              @Override
              public void onMessage(Q message) {
                if (refused) {
                  return;
                }
                if (message == marker) {
                  refused = true;
                  call.close(
                      Status.fromCode(ErrorCode.INVALID_ARGUMENT.grpc()).withDescription(refusal),
                      new Metadata());
                  return;
                }
                super.onMessage(message);
              }

              @Override
              public void onHalfClose() {
                if (!refused) {
                  super.onHalfClose();
                }
              }
            });
  }

  /** Parses as the generated marshaller does, answering bytes it refuses with the marker. */
  private record Lenient<Q>(MethodDescriptor.PrototypeMarshaller<Q> delegate, Q marker)
      implements MethodDescriptor.PrototypeMarshaller<Q> {

    @Override
    public InputStream stream(Q value) {
      return delegate.stream(value);
    }

    @Override
    public Q parse(InputStream stream) {
      try {
        return delegate.parse(stream);
      } catch (RuntimeException e) {
        return marker;
      }
    }

    @Override
    public Q getMessagePrototype() {
      return delegate.getMessagePrototype();
    }

    @Override
    public Class<Q> getMessageClass() {
      return delegate.getMessageClass();
    }
  }
}

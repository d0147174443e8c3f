package io.mlmeta.sdk.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.List;

/**
 * Sends a gateway's identity headers (Kubeflow's {@code kubeflow-userid} and {@code
 * kubeflow-groups} by default) with every call. The server believes them only from its trusted
 * proxy addresses. Internal to the SDK.
 */
public final class GatewayIdentity implements ClientInterceptor {

  private final Metadata.Key<String> userHeader;
  private final Metadata.Key<String> groupsHeader;
  private final String user;
  private final String groups;

  /**
   * An interceptor naming {@code user} and {@code groups}; the groups header is left out when there
   * are none.
   */
  public GatewayIdentity(String userHeader, String groupsHeader, String user, List<String> groups) {
    this.userHeader = Metadata.Key.of(userHeader, Metadata.ASCII_STRING_MARSHALLER);
    this.groupsHeader = Metadata.Key.of(groupsHeader, Metadata.ASCII_STRING_MARSHALLER);
    this.user = user;
    this.groups = String.join(",", groups);
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        headers.put(userHeader, user);
        if (!groups.isEmpty()) {
          headers.put(groupsHeader, groups);
        }
        super.start(listener, headers);
      }
    };
  }
}

package io.mlmeta.sdk.it;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulates a network that drops answers: the request reaches the server and is carried out, but
 * the client sees {@code UNAVAILABLE} instead of the response, for the next N calls of a method.
 * Also counts the calls per method.
 */
final class LoseResponses implements ClientInterceptor {

  private final Map<String, AtomicInteger> toLose = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  /** Loses the responses of the next {@code count} calls of the method (e.g. RecordExecution). */
  void loseNext(String method, int count) {
    toLose.computeIfAbsent(method, m -> new AtomicInteger()).set(count);
  }

  /** How many calls of the method were started. */
  int calls(String method) {
    return calls.getOrDefault(method, new AtomicInteger()).get();
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    String name = method.getBareMethodName();
    calls.computeIfAbsent(name, m -> new AtomicInteger()).incrementAndGet();
    AtomicInteger remaining = toLose.get(name);
    boolean lose = remaining != null && remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    ClientCall<Q, R> call = next.newCall(method, options);
    if (!lose) {
      return call;
    }
    return new SimpleForwardingClientCall<>(call) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        super.start(
            new SimpleForwardingClientCallListener<>(listener) {
              @Override
              public void onMessage(R message) {
                // The answer is lost on the way back.
              }

              @Override
              public void onClose(Status status, Metadata trailers) {
                super.onClose(
                    Status.UNAVAILABLE.withDescription("response lost (test)"), new Metadata());
              }
            },
            headers);
      }
    };
  }
}

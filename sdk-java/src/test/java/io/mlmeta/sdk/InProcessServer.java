package io.mlmeta.sdk;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension running a {@link FakeMetadataService}, a {@link FakeLineageService} and a
 * {@link FakeAccessService} in-process, one per test.
 */
class InProcessServer implements BeforeEachCallback, AfterEachCallback {

  final FakeMetadataService service = new FakeMetadataService();
  final FakeLineageService lineage = new FakeLineageService();
  final FakeAccessService access = new FakeAccessService();
  private String name;
  private Server server;
  private ExecutorService executor;

  @Override
  public void beforeEach(ExtensionContext context) {
    name = InProcessServerBuilder.generateName();
    executor = Executors.newCachedThreadPool();
    try {
      server =
          InProcessServerBuilder.forName(name)
              .executor(executor)
              .addService(ServerInterceptors.intercept(service, service.headerRecorder()))
              .addService(lineage)
              .addService(lineage.admin())
              .addService(ServerInterceptors.intercept(access, service.headerRecorder()))
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    executor.shutdownNow();
  }

  /**
   * A store builder on this server with fast retries (3 retries, 1 to 4 ms apart), blind to the
   * developer's {@code MLMETA_TOKEN} and token file.
   */
  Store.Builder storeBuilder() {
    return Store.builder()
        .channel(InProcessChannelBuilder.forName(name).build())
        .environment(Map.of(), Path.of("/nonexistent-home"))
        .retries(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(4), 2));
  }

  Store store() {
    return storeBuilder().build();
  }
}

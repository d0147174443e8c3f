package io.mlmeta.server.config;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Under {@code ./mlmeta server} the server runs in a child JVM of the launcher, which owns the
 * embedded databases. If the launcher dies without stopping it (SIGKILL, a crash), the server shuts
 * itself down rather than serve on with its databases gone and hold the next start's port.
 */
@ApplicationScoped
public class LauncherWatch {

  private static final Logger LOG = Logger.getLogger(LauncherWatch.class);

  void watch(@Observes StartupEvent event, MlmetaConfig config) {
    config
        .launcher()
        .pid()
        .ifPresent(
            pid ->
                ProcessHandle.of(pid)
                    .map(ProcessHandle::onExit)
                    .orElse(CompletableFuture.completedFuture(null))
                    .thenRun(
                        () -> {
                          LOG.errorf("The launcher (pid %d) is gone; shutting down", pid);
                          Quarkus.asyncExit(1);
                        }));
  }
}

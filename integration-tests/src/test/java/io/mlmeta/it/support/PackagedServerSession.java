package io.mlmeta.it.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the shared packaged server before any test runs and publishes its gRPC address as {@code
 * MLMETA_GRPC_TARGET}, the property the SDK's end-to-end tests read.
 */
public class PackagedServerSession implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    System.setProperty("MLMETA_GRPC_TARGET", PackagedServer.shared().grpcTarget());
  }
}

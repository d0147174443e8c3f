/**
 * Configuration and process wiring: {@link io.mlmeta.server.config.MlmetaConfig} holds every {@code
 * mlmeta.*} key with its default (Quarkus keys are in {@code application.properties}), {@link
 * io.mlmeta.server.config.ClockProducer} the injectable clock time-dependent code should use, and
 * {@link io.mlmeta.server.config.LauncherWatch} stops the server when the {@code ./mlmeta server}
 * launcher that started it is gone.
 */
package io.mlmeta.server.config;

/**
 * Request ids for HTTP and gRPC ({@code x-request-id}, generated when absent, echoed back and put
 * in every log line of the call) and the readiness check {@link
 * io.mlmeta.server.observability.DatabaseHealthCheck}, which answers UP or DOWN and keeps
 * connection details in the log. Metrics are registered by the classes that measure them.
 */
package io.mlmeta.server.observability;

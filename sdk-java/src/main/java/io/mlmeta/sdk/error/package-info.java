/**
 * Exceptions of the mlmeta SDK. Each mirrors a gRPC status code of the server: {@link
 * io.mlmeta.sdk.error.MetadataException#code()} tells which.
 */
package io.mlmeta.sdk.error;

/**
 * The SDK's gRPC transport: channel lifecycle, deadlines, retries, status to exception mapping and
 * conversion between SDK records and generated protobuf messages. Internal: not part of the SDK's
 * API and subject to change without notice.
 */
package io.mlmeta.sdk.grpc;

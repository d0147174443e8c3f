/**
 * The gRPC adapter: {@code MetadataGrpcService}, {@code LineageGrpcService} and {@code
 * LineageAdminGrpcService} implement the services generated from the schemas module's protos. Each
 * method maps the request, calls one use case and completes the call through {@code GrpcCalls},
 * which takes the status from the error table; {@code IngestStreams} cuts the ingest stream into
 * batches. Conversions live in {@code api.grpc.mapper}; no logic or store access here.
 */
package io.mlmeta.server.api.grpc;

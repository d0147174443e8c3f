/**
 * Pure conversions, without CDI or I/O: generated protobuf messages to and from domain records
 * ({@link io.mlmeta.server.api.grpc.mapper.ProtoMapper}), lineage messages to and from the
 * lineage-graph model ({@link io.mlmeta.server.api.grpc.mapper.LineageProtoMapper}), and protobuf
 * {@code Struct} to and from Jackson JSON ({@link io.mlmeta.server.api.grpc.mapper.StructMapper}).
 */
package io.mlmeta.server.api.grpc.mapper;

/**
 * The use cases: transactional, one class per concern (workspaces, types, artifacts, executions,
 * contexts, links, recording executions, lineage queries), each marked {@code @ServiceBoundary} so
 * that retryable database failures reach the adapters as domain errors. Services call the store
 * ports, the outbox writer and the lineage router; they never see Panache entities and know no
 * transport (no gRPC, proto or GraphQL types; see {@code ArchitectureTest}).
 */
package io.mlmeta.server.service;

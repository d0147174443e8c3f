/**
 * The persistence ports the services call, speaking domain records: one interface per kind of row
 * ({@code ArtifactStore}, {@code ExecutionStore}, {@code LinkStore}, ...), {@link
 * io.mlmeta.server.store.IdentityClaims} for racing find-or-creates and {@link
 * io.mlmeta.server.store.PendingWrites} for queued inserts. Callers run inside the service's
 * transaction; the PostgreSQL implementations are in {@code store.jpa}.
 */
package io.mlmeta.server.store;

/**
 * The transactional outbox of lineage changes, in one place: {@link
 * io.mlmeta.server.outbox.OutboxWriter} appends what a write changed in the write's own
 * transaction, {@link io.mlmeta.server.outbox.OutboxPayload} is the versioned row format (its JSON
 * Schema is in the schemas module), {@link io.mlmeta.server.outbox.OutboxStore} keeps the rows and
 * the mirror's checkpoint, and {@link io.mlmeta.server.outbox.OutboxTailer} follows the rows in
 * commit order for each consumer (the Neo4j projector and the in-memory index).
 */
package io.mlmeta.server.outbox;

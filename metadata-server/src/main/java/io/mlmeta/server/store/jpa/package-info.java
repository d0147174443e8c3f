/**
 * The PostgreSQL implementations of the store ports. Panache entities serve reads, updates and the
 * small writes; batches go set-based ({@code unnest} of arrays): new artifacts and executions are
 * queued in {@code QueuedRows} and inserted by {@code JpaPendingWrites}, links by {@code
 * JpaLinkStore}. Entities never leave this package ({@code ArchitectureTest}); the schema is owned
 * by the Flyway migrations in {@code db/migration}, not by Hibernate.
 */
package io.mlmeta.server.store.jpa;

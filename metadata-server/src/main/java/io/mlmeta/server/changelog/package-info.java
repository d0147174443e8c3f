/**
 * The change log's chain (issue 14). The database appends an entry for every changed row (V5
 * migration triggers, attributed by {@code service.ChangeAttributionInterceptor}); here the {@link
 * io.mlmeta.server.changelog.ChangeLogSealer} chains committed entries by SHA-256 in the order
 * their transactions ended, and the {@link io.mlmeta.server.changelog.ChangeLogVerifier} recomputes
 * the chain and names every entry that was changed, removed or moved.
 */
package io.mlmeta.server.changelog;

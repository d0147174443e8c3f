/**
 * The server's change log: {@link io.mlmeta.sdk.Store#verifyChangeLog()} recomputes its hash chain
 * and reports what was changed, removed or moved.
 */
package io.mlmeta.sdk.changelog;

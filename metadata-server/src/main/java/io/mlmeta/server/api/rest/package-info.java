/**
 * A small REST surface under {@code /api/v1}: read-only workspaces, and the lineage mirror's
 * status, check and rebuild for operators with curl. {@link io.mlmeta.server.api.rest.RestErrors}
 * answers every exception with the status of the shared error table and a small JSON body.
 */
package io.mlmeta.server.api.rest;

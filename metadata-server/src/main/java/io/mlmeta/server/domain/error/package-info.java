/**
 * The domain errors, one class per kind a client can tell apart, all subclasses of {@link
 * io.mlmeta.server.domain.error.MetadataException}. Their messages are written for clients and name
 * the offending field; no SQL, no stack trace. Transports take their codes from {@code
 * io.mlmeta.server.api.error.ErrorTable}, so a new class here needs a row there.
 */
package io.mlmeta.server.domain.error;

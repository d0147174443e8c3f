/**
 * The one error table every adapter uses: {@link io.mlmeta.server.api.error.ErrorTable} turns a
 * domain exception, or a database failure a retry may cure, into an {@link
 * io.mlmeta.server.api.error.ErrorCode}, which names the gRPC status, the GraphQL {@code
 * extensions.code} and the HTTP status. A new domain error gets its code here and nowhere else;
 * anything unknown becomes INTERNAL with an incident id, never a stack trace or SQL.
 */
package io.mlmeta.server.api.error;

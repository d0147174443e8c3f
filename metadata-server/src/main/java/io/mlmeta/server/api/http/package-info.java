/**
 * Checks at the HTTP level, installed on the Vert.x router before GraphQL or REST see a request:
 * {@link io.mlmeta.server.api.http.BrowserRequestGuard} (media types, Host and Origin, configured
 * by {@code mlmeta.http.*}) and {@link io.mlmeta.server.api.http.GraphQlRequestShape} (the
 * GraphQL-over-HTTP envelope). They refuse a request or let it pass; they never call a use case.
 */
package io.mlmeta.server.api.http;

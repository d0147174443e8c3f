/**
 * Who is calling (issue 13): the {@link io.mlmeta.server.identity.Principal} every request is
 * resolved to, the rules that resolve it ({@link io.mlmeta.server.identity.PrincipalResolver}) and
 * the proxies whose identity headers are believed ({@link
 * io.mlmeta.server.identity.TrustedProxies}). Decisions are in {@code
 * docs/adr/0005-identity-and-authorisation.md}. Plain Java: the request handling is in {@code
 * api.http}.
 */
package io.mlmeta.server.identity;

/**
 * Who is calling (issue 13): the {@link io.mlmeta.server.identity.Principal} every request is
 * resolved to and the rules that resolve it ({@link io.mlmeta.server.identity.PrincipalResolver}),
 * the workspace {@link io.mlmeta.server.identity.Role roles}, the proxies whose identity headers
 * are believed ({@link io.mlmeta.server.identity.TrustedProxies}) and the format and hashing of API
 * tokens ({@link io.mlmeta.server.identity.ApiTokenFormat}). Decisions are in {@code
 * docs/adr/0005-identity-and-authorisation.md}. Plain Java: the request handling is in {@code
 * api.http}.
 */
package io.mlmeta.server.identity;

/**
 * Who is calling and who may do what, as {@link io.mlmeta.sdk.Access} (from {@link
 * io.mlmeta.sdk.Store#access()}) reports them: the {@link io.mlmeta.sdk.access.Caller}, roles in
 * workspaces granted to users, groups and API tokens, and the API tokens themselves.
 */
package io.mlmeta.sdk.access;

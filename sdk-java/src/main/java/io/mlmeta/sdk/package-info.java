/**
 * The mlmeta Java SDK, with Kubeflow Metadata's calls: {@link io.mlmeta.sdk.Store}, {@link
 * io.mlmeta.sdk.Workspace}, {@link io.mlmeta.sdk.Run}, {@link io.mlmeta.sdk.Execution} with {@code
 * logInput} and {@code logOutput}, and {@link io.mlmeta.sdk.ExecutionBatch} for high-volume
 * logging. Records live in {@link io.mlmeta.sdk.model}, exceptions in {@link io.mlmeta.sdk.error}.
 * Credentials: {@link io.mlmeta.sdk.Store.Builder#token(String)}, {@code MLMETA_TOKEN} or the
 * {@link io.mlmeta.sdk.TokenFile}; who is calling, grants and API tokens: {@link
 * io.mlmeta.sdk.Access} and {@link io.mlmeta.sdk.access}.
 */
package io.mlmeta.sdk;

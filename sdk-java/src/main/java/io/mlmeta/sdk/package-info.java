/**
 * The mlmeta Java SDK, with Kubeflow Metadata's calls: {@link io.mlmeta.sdk.Store}, {@link
 * io.mlmeta.sdk.Workspace}, {@link io.mlmeta.sdk.Run}, {@link io.mlmeta.sdk.Execution} with {@code
 * logInput} and {@code logOutput}, and {@link io.mlmeta.sdk.ExecutionBatch} for high-volume
 * logging. Records live in {@link io.mlmeta.sdk.model}, exceptions in {@link io.mlmeta.sdk.error}.
 */
package io.mlmeta.sdk;

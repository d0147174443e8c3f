/**
 * Immutable records of the mlmeta SDK: the built-in artifacts ({@link io.mlmeta.sdk.model.DataSet},
 * {@link io.mlmeta.sdk.model.Model}, {@link io.mlmeta.sdk.model.Metrics}), states, queries and
 * pages. None of them exposes generated protobuf classes.
 */
package io.mlmeta.sdk.model;

/**
 * The PostgreSQL engine: recursive SQL over the metadata store's own tables; its statements live in
 * {@code src/main/resources/io/mlmeta/graph/postgres}.
 */
package io.mlmeta.graph.postgres;

/**
 * The GraphQL schema's types: views of domain records (for example {@code ArtifactView}, named
 * {@code Artifact} in the schema), Relay connections, and the input types with their conversion to
 * domain commands ({@link io.mlmeta.server.api.graphql.model.Inputs}). A change here changes the
 * public schema, so the snapshot in the schemas module must be regenerated and committed ({@code
 * GraphQlSchemaSnapshotTest}).
 */
package io.mlmeta.server.api.graphql.model;

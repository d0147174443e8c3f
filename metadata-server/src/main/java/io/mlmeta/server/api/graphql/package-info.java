/**
 * The GraphQL adapter (SmallRye GraphQL at {@code /graphql}): one {@code @GraphQLApi} class per
 * area maps arguments to a use case of {@code io.mlmeta.server.service} and its result to a view of
 * {@code api.graphql.model}. No logic, no transactions and no store access live here (see {@code
 * ArchitectureTest}); link fields are batched ({@code @Source List}) so a page never costs one
 * query per entity.
 */
package io.mlmeta.server.api.graphql;

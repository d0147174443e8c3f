package io.mlmeta.server.api.graphql.model;

import org.eclipse.microprofile.graphql.Description;
import org.jspecify.annotations.Nullable;

@Description("Relay page information. Pass endCursor as `after` to get the next page.")
public record PageInfo(boolean hasNextPage, @Nullable String endCursor) {}

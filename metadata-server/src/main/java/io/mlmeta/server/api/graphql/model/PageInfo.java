package io.mlmeta.server.api.graphql.model;

import org.eclipse.microprofile.graphql.Description;

@Description("Relay page information. Pass endCursor as `after` to get the next page.")
public record PageInfo(boolean hasNextPage, String endCursor) {}

package io.mlmeta.server.domain;

import java.util.List;

/** One page of a keyset-paginated list; {@code nextPageToken} is null on the last page. */
public record Page<T>(List<T> items, String nextPageToken) {}

package io.mlmeta.sdk.model;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items the page's items, in the server's order (ascending id)
 * @param nextPageToken the token of the next page, or an empty string on the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, String nextPageToken) {

  /** Makes the items immutable and the token non-null. */
  public Page {
    items = List.copyOf(items);
    nextPageToken = nextPageToken == null ? "" : nextPageToken;
  }

  /** Whether another page follows. */
  public boolean hasNext() {
    return !nextPageToken.isEmpty();
  }
}

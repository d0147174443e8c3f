package io.mlmeta.server.service;

import io.mlmeta.server.domain.Page;
import io.mlmeta.server.domain.PageRequest;
import io.mlmeta.server.service.validation.Inputs;
import io.mlmeta.server.service.validation.PageTokens;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Keyset paging shared by every list use case: fetch one row more than asked to know if more
 * follow.
 */
final class Pages {

  private Pages() {}

  interface Fetch<T> {
    List<T> fetch(long afterId, int limit);
  }

  static <T> Page<T> page(
      PageRequest request, Object filter, ToLongFunction<T> id, Fetch<T> fetch) {
    int size = Inputs.pageSize(request.size());
    long afterId = PageTokens.decode(request.token(), filter);
    List<T> rows = fetch.fetch(afterId, size + 1);
    if (rows.size() <= size) {
      return new Page<>(rows, null);
    }
    List<T> items = rows.subList(0, size);
    return new Page<>(
        List.copyOf(items), PageTokens.encode(id.applyAsLong(items.get(size - 1)), filter));
  }
}

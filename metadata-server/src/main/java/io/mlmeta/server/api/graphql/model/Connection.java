package io.mlmeta.server.api.graphql.model;

import io.mlmeta.server.domain.Page;
import io.mlmeta.server.service.validation.PageTokens;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A Relay connection: one page of a keyset-paginated list.")
public record Connection<T>(
    @NonNull List<@NonNull Edge<T>> edges,
    @NonNull List<@NonNull T> nodes,
    @NonNull PageInfo pageInfo) {

  /** An element and the cursor that resumes the list after it. */
  public record Edge<T>(@NonNull String cursor, @NonNull T node) {}

  public static <D, T> Connection<T> of(
      Page<D> page, Object filter, ToLongFunction<D> id, Function<D, T> view) {
    return of(page, item -> PageTokens.encode(id.applyAsLong(item), filter), view);
  }

  /** A connection whose edge cursors come from {@code cursor}, for lists in a custom order. */
  public static <D, T> Connection<T> of(
      Page<D> page, Function<D, String> cursor, Function<D, T> view) {
    List<Edge<T>> edges =
        page.items().stream()
            .map(item -> new Edge<>(cursor.apply(item), view.apply(item)))
            .toList();
    return new Connection<>(
        edges,
        edges.stream().map(Edge::node).toList(),
        new PageInfo(page.nextPageToken() != null, page.nextPageToken()));
  }
}

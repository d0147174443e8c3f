package io.mlmeta.server.api.graphql.model;

import io.mlmeta.server.domain.Event;
import io.mlmeta.server.domain.EventType;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Event")
@Description("An execution read (INPUT) or wrote (OUTPUT) an artifact.")
public record EventView(
    @NonNull EventType type,
    @NonNull Instant time,
    @Id @NonNull String artifactId,
    @Id @NonNull String executionId) {

  public static EventView from(Event e) {
    return new EventView(
        e.type(), e.time(), String.valueOf(e.artifactId()), String.valueOf(e.executionId()));
  }
}

package io.mlmeta.server.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.domain.TypeKind;
import io.mlmeta.server.domain.error.AlreadyExistsException;
import io.mlmeta.server.domain.error.ConflictException;
import io.mlmeta.server.domain.error.FailedPreconditionException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/**
 * Registers the built-in types shipped in the schemas module (Dataset, Model, Metrics, Execution,
 * Train, Tune, Evaluate, Deploy, Run, Experiment) at every start. Registration is idempotent, and a
 * newer server evolves them compatibly.
 */
@ApplicationScoped
public class BuiltinTypes {

  private static final Logger LOG = Logger.getLogger(BuiltinTypes.class);
  private static final String ROOT = "io/mlmeta/schemas/types/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TypeService types;

  BuiltinTypes(TypeService types) {
    this.types = types;
  }

  void onStart(@Observes StartupEvent event) {
    try {
      registerAll();
    } catch (ConflictException | AlreadyExistsException e) {
      // Another replica registered them at the same moment; one more pass sees its rows.
      registerAll();
    }
  }

  /** Each type registers in its own transaction, so one refused evolution spoils no other. */
  void registerAll() {
    JsonNode index = read("index.json");
    for (JsonNode entry : index.get("types")) {
      TypeKind kind = TypeKind.valueOf(entry.get("kind").asText());
      String name = entry.get("name").asText();
      ObjectNode schema = (ObjectNode) read(entry.get("schema").asText());
      String description = schema.path("description").asText("");
      try {
        types.register(kind, name, description, schema, true, () -> {});
      } catch (FailedPreconditionException e) {
        LOG.warnf("Keeping the stored %s type %s: %s", kind, name, e.getMessage());
      }
    }
  }

  private static JsonNode read(String resource) {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(ROOT + resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in type resource missing: " + ROOT + resource);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

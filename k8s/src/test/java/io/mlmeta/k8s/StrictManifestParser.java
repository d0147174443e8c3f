package io.mlmeta.k8s;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Schema-level validation of Kubernetes YAML: every document is bound to its typed fabric8 model,
 * and anything the model does not declare (unknown or misspelled fields, wrong scalar types,
 * duplicate keys, unknown apiVersion/kind) is an error instead of being silently kept.
 */
final class StrictManifestParser {

  /**
   * The kinds these manifests may use, by apiVersion. An unlisted pair fails, which also catches
   * removed API versions (for example autoscaling/v2beta2).
   */
  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.ofEntries(
          Map.entry("v1/ServiceAccount", ServiceAccount.class),
          Map.entry("v1/ConfigMap", ConfigMap.class),
          Map.entry("v1/Secret", Secret.class),
          Map.entry("v1/Service", Service.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("apps/v1/StatefulSet", StatefulSet.class),
          Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
          Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
          Map.entry(
              IstioSecurity.API_VERSION + "/AuthorizationPolicy",
              IstioSecurity.AuthorizationPolicy.class),
          Map.entry(
              IstioSecurity.API_VERSION + "/PeerAuthentication",
              IstioSecurity.PeerAuthentication.class));

  private final YAMLMapper mapper = strictMapper();

  /** Parses a multi-document YAML stream; throws {@link InvalidManifestException} on any error. */
  List<HasMetadata> parse(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = mapper.readerFor(JsonNode.class).readValues(yaml)) {
      int index = 0;
      while (documents.hasNextValue()) {
        JsonNode document = documents.nextValue();
        index++;
        if (document == null || document.isNull() || document.isMissingNode()) {
          continue;
        }
        objects.add(bind(index, document));
      }
    } catch (JsonMappingException e) {
      throw new InvalidManifestException("YAML stream: " + describe(e), e);
    } catch (IOException e) {
      throw new InvalidManifestException("YAML stream: " + e.getMessage(), e);
    }
    return objects;
  }

  private HasMetadata bind(int index, JsonNode document) {
    String apiVersion = document.path("apiVersion").asText("");
    String kind = document.path("kind").asText("");
    String name = document.path("metadata").path("name").asText("");
    String where = "document " + index + " (" + apiVersion + " " + kind + " '" + name + "')";
    Class<? extends HasMetadata> type = KINDS.get(apiVersion + "/" + kind);
    if (type == null) {
      throw new InvalidManifestException(
          where + ": no schema for apiVersion/kind; expected one of " + KINDS.keySet());
    }
    if (name.isEmpty()) {
      throw new InvalidManifestException(where + ": metadata.name is required");
    }
    try {
      return mapper.treeToValue(document, type);
    } catch (JsonMappingException e) {
      throw new InvalidManifestException(where + ": " + describe(e), e);
    } catch (IOException e) {
      throw new InvalidManifestException(where + ": " + e.getMessage(), e);
    }
  }

  /** "spec.template.spec.containers[0].ports[0].containerPort: <reason>". */
  private static String describe(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(
                ref ->
                    ref.getFieldName() != null
                        ? "." + ref.getFieldName()
                        : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining());
    String reason = e.getOriginalMessage().lines().findFirst().orElse("");
    return (path.startsWith(".") ? path.substring(1) : path) + ": " + reason;
  }

  private static YAMLMapper strictMapper() {
    // fabric8 classes keep unknown fields in an @JsonAnySetter map; removing it makes
    // FAIL_ON_UNKNOWN_PROPERTIES apply, the way the API server rejects unknown fields.
    SimpleModule noAnySetter = new SimpleModule("fabric8-strict");
    noAnySetter.setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public BeanDeserializerBuilder updateBuilder(
              DeserializationConfig config,
              BeanDescription description,
              BeanDeserializerBuilder builder) {
            builder.setAnySetter(null);
            builder.setIgnoreUnknownProperties(false);
            return builder;
          }
        });
    YAMLMapper mapper =
        YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Kubernetes does not turn "8080" into 8080 or 8080 into "8080"; neither do we.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(noAnySetter)
            .build();
    for (CoercionInputShape shape :
        List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
    return mapper;
  }

  /** A manifest that Kubernetes would reject at schema level. */
  static final class InvalidManifestException extends RuntimeException {
    InvalidManifestException(String message) {
      super(message);
    }

    InvalidManifestException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

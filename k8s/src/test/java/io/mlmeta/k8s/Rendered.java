package io.mlmeta.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The typed objects of one rendered overlay. */
record Rendered(String overlay, List<HasMetadata> objects) {

  static final Path OVERLAYS = Path.of("overlays");

  /** The server's pod labels, as used by every selector that targets it. */
  static final Map<String, String> SERVER_LABELS =
      Map.of("app.kubernetes.io/name", "mlmeta", "app.kubernetes.io/component", "server");

  /** kubectl output per overlay, so each overlay is rendered once per test run. */
  private static final Map<String, String> YAML = new ConcurrentHashMap<>();

  /** A pod-creating object: its pod template and the selector that owns the pods. */
  record Workload(String kind, String name, LabelSelector selector, PodTemplateSpec template) {
    Map<String, String> podLabels() {
      Map<String, String> labels =
          template.getMetadata() == null ? null : template.getMetadata().getLabels();
      return labels == null ? Map.of() : labels;
    }
  }

  static String yaml(String overlay) {
    return YAML.computeIfAbsent(overlay, name -> Kustomize.render(OVERLAYS.resolve(name)));
  }

  /** Renders and strictly parses an overlay; a fresh object graph each call, safe to mutate. */
  static Rendered of(String overlay) {
    return new Rendered(overlay, new StrictManifestParser().parse(yaml(overlay)));
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
    return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
  }

  List<Workload> workloads() {
    List<Workload> workloads = new ArrayList<>();
    for (Deployment d : all(Deployment.class)) {
      workloads.add(
          new Workload(
              "Deployment",
              d.getMetadata().getName(),
              d.getSpec().getSelector(),
              d.getSpec().getTemplate()));
    }
    for (StatefulSet s : all(StatefulSet.class)) {
      workloads.add(
          new Workload(
              "StatefulSet",
              s.getMetadata().getName(),
              s.getSpec().getSelector(),
              s.getSpec().getTemplate()));
    }
    return workloads;
  }

  /** The one Deployment whose pods carry the server labels. */
  Deployment server() {
    List<Deployment> servers =
        all(Deployment.class).stream()
            .filter(
                d ->
                    Selectors.matches(
                        SERVER_LABELS, d.getSpec().getTemplate().getMetadata().getLabels()))
            .toList();
    if (servers.size() != 1) {
      throw new AssertionError(
          overlay + ": expected exactly one server Deployment, found " + servers.size());
    }
    return servers.get(0);
  }

  Container serverContainer() {
    return server().getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> "server".equals(c.getName()))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(overlay + ": the server Deployment has no container 'server'"));
  }
}

package io.mlmeta.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.mlmeta.k8s.Rendered.Workload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Consistency of a rendered overlay with itself and with the server's configuration. Every check
 * returns its problems (empty when fine) so a failing assertion lists all of them at once.
 */
final class ManifestChecks {

  static final int SERVER_PORT = 8080;
  static final String IMAGE = "ghcr.io/mlmeta/metadata-server";
  static final String HTTP_SERVICE = "mlmeta-http";
  static final String GRPC_SERVICE = "mlmeta-grpc";

  /** Secrets the prod overlay references but does not contain; the README documents their keys. */
  static final Map<String, Set<String>> EXTERNAL_SECRETS =
      Map.of(
          "mlmeta-database", Set.of("jdbc-url", "username", "password"),
          "mlmeta-neo4j", Set.of("uri", "username", "password"));

  /** Without these the server falls back to localhost defaults that do not exist in a pod. */
  static final Set<String> REQUIRED_ENV =
      Set.of("MLMETA_DB_URL", "MLMETA_DB_USER", "MLMETA_DB_PASSWORD");

  /** quarkus.shutdown.timeout in application.properties. */
  static final int SHUTDOWN_TIMEOUT_SECONDS = 30;

  static final String TRUSTED_CIDRS = "MLMETA_SECURITY_PROXY_TRUSTED_CIDRS";
  static final String INSECURE_ANONYMOUS = "MLMETA_SECURITY_INSECURE_ANONYMOUS";
  static final String OIDC_ISSUER = "MLMETA_SECURITY_OIDC_ISSUER";
  static final String OIDC_AUDIENCE = "MLMETA_SECURITY_OIDC_AUDIENCE";

  /**
   * Where an Istio sidecar (1.10+) connects to the application from, for every inbound request: its
   * inbound clusters bind to these (InboundPassthroughBindIpv4/Ipv6 in Istio's source).
   */
  static final List<String> ISTIO_SIDECAR_ADDRESSES = List.of("127.0.0.6", "::6");

  static final String SIDECAR_INJECT_LABEL = "sidecar.istio.io/inject";

  private final Rendered rendered;
  private final ServerConfiguration server;

  ManifestChecks(Rendered rendered, ServerConfiguration server) {
    this.rendered = rendered;
    this.server = server;
  }

  List<String> labels() {
    List<String> problems = new ArrayList<>();
    for (HasMetadata o : rendered.objects()) {
      Map<String, String> labels = o.getMetadata().getLabels();
      String id = id(o);
      if (labels == null || !"mlmeta".equals(labels.get("app.kubernetes.io/part-of"))) {
        problems.add(id + ": missing label app.kubernetes.io/part-of=mlmeta");
      }
      if (labels == null || !labels.containsKey("app.kubernetes.io/name")) {
        problems.add(id + ": missing label app.kubernetes.io/name");
      }
    }
    for (Workload w : rendered.workloads()) {
      if (!Selectors.matches(w.selector(), w.podLabels())) {
        problems.add(
            w.kind() + "/" + w.name() + ": selector does not match its pod template labels");
      }
    }
    return problems;
  }

  List<String> serverPort() {
    List<String> problems = new ArrayList<>();
    List<ContainerPort> ports = list(rendered.serverContainer().getPorts());
    if (ports.size() != 1) {
      problems.add(
          "server container must expose exactly one port (HTTP and gRPC share it), has "
              + ports.size());
    }
    for (ContainerPort port : ports) {
      if (port.getContainerPort() != SERVER_PORT || !"http".equals(port.getName())) {
        problems.add(
            "server container port must be "
                + SERVER_PORT
                + " named http, is "
                + port.getContainerPort()
                + " named "
                + port.getName());
      }
      if (port.getProtocol() != null && !"TCP".equals(port.getProtocol())) {
        problems.add("server container port protocol must be TCP, is " + port.getProtocol());
      }
    }
    String configured = environment(rendered.serverContainer()).get("QUARKUS_HTTP_PORT");
    if (configured != null && !configured.equals(String.valueOf(SERVER_PORT))) {
      problems.add("QUARKUS_HTTP_PORT=" + configured + " but the container port is " + SERVER_PORT);
    }
    return problems;
  }

  List<String> services() {
    List<String> problems = new ArrayList<>();
    Map<String, String> serverLabels =
        rendered.server().getSpec().getTemplate().getMetadata().getLabels();
    problems.addAll(namedServicePort(HTTP_SERVICE, "http", "http"));
    problems.addAll(namedServicePort(GRPC_SERVICE, "grpc", "grpc"));
    for (Service service : rendered.all(Service.class)) {
      String id = id(service);
      Map<String, String> selector = service.getSpec().getSelector();
      List<Workload> selected =
          rendered.workloads().stream()
              .filter(w -> Selectors.matches(selector, w.podLabels()))
              .toList();
      if (selected.isEmpty()) {
        problems.add(id + ": selector " + selector + " matches no workload");
      }
      boolean isServer = Selectors.matches(selector, serverLabels);
      if (isServer && selected.size() != 1) {
        problems.add(
            id + ": selects the server and also " + selected.stream().map(Workload::name).toList());
      }
      Set<String> seen = new HashSet<>();
      for (ServicePort port : list(service.getSpec().getPorts())) {
        String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
        if (!seen.add(port.getPort() + "/" + protocol)) {
          problems.add(
              id
                  + ": port "
                  + port.getPort()
                  + "/"
                  + protocol
                  + " listed twice (rejected by the API server)");
        }
        IntOrString target =
            port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort();
        for (Workload w : selected) {
          OptionalInt resolved = resolve(target, w.template().getSpec().getContainers());
          if (resolved.isEmpty()) {
            problems.add(
                id
                    + ": targetPort "
                    + text(target)
                    + " is not a port of "
                    + w.kind()
                    + "/"
                    + w.name());
          } else if (isServer && resolved.getAsInt() != SERVER_PORT) {
            problems.add(
                id
                    + ": targetPort resolves to "
                    + resolved.getAsInt()
                    + ", the server listens on "
                    + SERVER_PORT);
          }
        }
      }
    }
    return problems;
  }

  private List<String> namedServicePort(String serviceName, String portName, String appProtocol) {
    Optional<Service> service = rendered.find(Service.class, serviceName);
    if (service.isEmpty()) {
      return List.of("Service " + serviceName + " is missing");
    }
    boolean ok =
        list(service.get().getSpec().getPorts()).stream()
            .anyMatch(
                p ->
                    portName.equals(p.getName())
                        && p.getPort() == SERVER_PORT
                        && appProtocol.equals(p.getAppProtocol()));
    return ok
        ? List.of()
        : List.of(
            "Service "
                + serviceName
                + " needs port "
                + SERVER_PORT
                + " named "
                + portName
                + " with appProtocol "
                + appProtocol);
  }

  List<String> probes() {
    List<String> problems = new ArrayList<>();
    Container c = rendered.serverContainer();
    problems.addAll(probe("startupProbe", c.getStartupProbe(), "/q/health/started", c));
    problems.addAll(probe("livenessProbe", c.getLivenessProbe(), "/q/health/live", c));
    problems.addAll(probe("readinessProbe", c.getReadinessProbe(), "/q/health/ready", c));
    return problems;
  }

  private static List<String> probe(String which, Probe probe, String path, Container c) {
    if (probe == null || probe.getHttpGet() == null) {
      return List.of(which + ": must be an httpGet probe on " + path);
    }
    List<String> problems = new ArrayList<>();
    if (!path.equals(probe.getHttpGet().getPath())) {
      problems.add(
          which + ": path is " + probe.getHttpGet().getPath() + ", Quarkus serves " + path);
    }
    OptionalInt port = resolve(probe.getHttpGet().getPort(), List.of(c));
    if (port.isEmpty() || port.getAsInt() != SERVER_PORT) {
      problems.add(
          which
              + ": port "
              + text(probe.getHttpGet().getPort())
              + " does not resolve to "
              + SERVER_PORT);
    }
    return problems;
  }

  List<String> environment() {
    List<String> problems = new ArrayList<>();
    Map<String, String> env = environment(rendered.serverContainer());
    for (String name : env.keySet()) {
      if (!server.reads(name)) {
        problems.add(
            "the server container sets "
                + name
                + ", which the server does not read (known: "
                + server.environmentNames()
                + ")");
      }
    }
    for (String required : REQUIRED_ENV) {
      if (!env.containsKey(required)) {
        problems.add("the server container does not set " + required);
      }
    }
    return problems;
  }

  /**
   * Every Secret and ConfigMap a workload uses exists with the key, or is a documented external
   * Secret.
   */
  List<String> references() {
    List<String> problems = new ArrayList<>();
    for (Workload w : rendered.workloads()) {
      String id = w.kind() + "/" + w.name();
      for (Container c : w.template().getSpec().getContainers()) {
        for (EnvVar e : list(c.getEnv())) {
          if (e.getValueFrom() == null) {
            continue;
          }
          if (e.getValueFrom().getSecretKeyRef() != null) {
            var ref = e.getValueFrom().getSecretKeyRef();
            problems.addAll(secretKey(id, ref.getName(), ref.getKey()));
          }
          if (e.getValueFrom().getConfigMapKeyRef() != null) {
            var ref = e.getValueFrom().getConfigMapKeyRef();
            Optional<ConfigMap> map = rendered.find(ConfigMap.class, ref.getName());
            if (map.isEmpty()
                || map.get().getData() == null
                || !map.get().getData().containsKey(ref.getKey())) {
              problems.add(
                  id
                      + ": ConfigMap "
                      + ref.getName()
                      + " key "
                      + ref.getKey()
                      + " is not rendered");
            }
          }
        }
        for (EnvFromSource from : list(c.getEnvFrom())) {
          if (from.getConfigMapRef() != null
              && rendered.find(ConfigMap.class, from.getConfigMapRef().getName()).isEmpty()) {
            problems.add(
                id
                    + ": envFrom ConfigMap "
                    + from.getConfigMapRef().getName()
                    + " is not rendered");
          }
          if (from.getSecretRef() != null) {
            problems.add(id + ": envFrom a Secret hides which variables are set; use secretKeyRef");
          }
        }
      }
    }
    return problems;
  }

  private List<String> secretKey(String id, String name, String key) {
    Optional<Secret> secret = rendered.find(Secret.class, name);
    if (secret.isPresent()) {
      Set<String> keys = new HashSet<>();
      keys.addAll(Optional.ofNullable(secret.get().getData()).map(Map::keySet).orElse(Set.of()));
      keys.addAll(
          Optional.ofNullable(secret.get().getStringData()).map(Map::keySet).orElse(Set.of()));
      return keys.contains(key)
          ? List.of()
          : List.of(id + ": Secret " + name + " has no key " + key);
    }
    Set<String> external = EXTERNAL_SECRETS.get(name);
    if (external == null || !external.contains(key)) {
      return List.of(
          id
              + ": Secret "
              + name
              + " key "
              + key
              + " is neither rendered nor a documented external Secret");
    }
    return List.of();
  }

  List<String> security() {
    List<String> problems = new ArrayList<>();
    PodSpec pod = rendered.server().getSpec().getTemplate().getSpec();
    PodSecurityContext podContext = pod.getSecurityContext();
    SecurityContext c = rendered.serverContainer().getSecurityContext();
    boolean nonRoot =
        (podContext != null && Boolean.TRUE.equals(podContext.getRunAsNonRoot()))
            || (c != null && Boolean.TRUE.equals(c.getRunAsNonRoot()));
    if (!nonRoot) {
      problems.add("server must set runAsNonRoot: true");
    }
    Long uid =
        c != null && c.getRunAsUser() != null
            ? c.getRunAsUser()
            : podContext == null ? null : podContext.getRunAsUser();
    if (uid != null && uid == 0) {
      problems.add("server must not run as uid 0");
    }
    boolean seccomp =
        (podContext != null
                && podContext.getSeccompProfile() != null
                && "RuntimeDefault".equals(podContext.getSeccompProfile().getType()))
            || (c != null
                && c.getSeccompProfile() != null
                && "RuntimeDefault".equals(c.getSeccompProfile().getType()));
    if (!seccomp) {
      problems.add("server must use seccompProfile RuntimeDefault");
    }
    if (c == null) {
      problems.add("server container has no securityContext");
      return problems;
    }
    if (!Boolean.TRUE.equals(c.getReadOnlyRootFilesystem())) {
      problems.add("server container must set readOnlyRootFilesystem: true");
    }
    if (!Boolean.FALSE.equals(c.getAllowPrivilegeEscalation())) {
      problems.add("server container must set allowPrivilegeEscalation: false");
    }
    if (c.getCapabilities() == null || !list(c.getCapabilities().getDrop()).contains("ALL")) {
      problems.add("server container must drop ALL capabilities");
    }
    if (Boolean.TRUE.equals(c.getPrivileged())) {
      problems.add("server container must not be privileged");
    }
    Optional<VolumeMount> tmp =
        list(rendered.serverContainer().getVolumeMounts()).stream()
            .filter(m -> "/tmp".equals(m.getMountPath()))
            .findFirst();
    boolean tmpIsEmptyDir =
        tmp.isPresent()
            && list(pod.getVolumes()).stream()
                .anyMatch(v -> v.getName().equals(tmp.get().getName()) && v.getEmptyDir() != null);
    if (!tmpIsEmptyDir) {
      problems.add("a read-only root filesystem needs an emptyDir mounted at /tmp");
    }
    return problems;
  }

  /**
   * The server would start and identifies its callers: never anonymous on the network, and an OIDC
   * issuer (with an audience) or trusted proxies, or it refuses to start (CallerAuthentication).
   */
  List<String> identification() {
    List<String> problems = new ArrayList<>();
    Map<String, String> env = environment(rendered.serverContainer());
    if ("true".equalsIgnoreCase(blankToEmpty(env.get(INSECURE_ANONYMOUS)).strip())) {
      problems.add(
          INSECURE_ANONYMOUS + "=true serves the network anonymously; overlays identify callers");
    }
    boolean oidc = !blankToEmpty(env.get(OIDC_ISSUER)).isBlank();
    boolean proxies = !blankToEmpty(env.get(TRUSTED_CIDRS)).isBlank();
    if (!oidc && !proxies) {
      problems.add(
          "neither "
              + OIDC_ISSUER
              + " nor "
              + TRUSTED_CIDRS
              + " is set: the server refuses to start with no way to identify callers");
    }
    if (oidc && blankToEmpty(env.get(OIDC_AUDIENCE)).isBlank()) {
      problems.add(OIDC_ISSUER + " without " + OIDC_AUDIENCE + ": the server refuses to start");
    }
    return problems;
  }

  /**
   * Trusting the Istio sidecar's address means trusting every caller that reaches the sidecar, so
   * an overlay that does either keeps the sidecar out of the server pod or renders an Istio
   * AuthorizationPolicy for the server (components/istio) that screens the identity headers.
   */
  List<String> sidecarTrust() {
    String cidrs = blankToEmpty(environment(rendered.serverContainer()).get(TRUSTED_CIDRS));
    List<String> trusted =
        ISTIO_SIDECAR_ADDRESSES.stream()
            .filter(address -> Cidrs.anyContains(cidrs, address))
            .toList();
    if (trusted.isEmpty()) {
      return List.of();
    }
    Map<String, String> podLabels =
        rendered.server().getSpec().getTemplate().getMetadata().getLabels();
    boolean noSidecar = "false".equals(podLabels.get(SIDECAR_INJECT_LABEL));
    boolean screened =
        rendered.all(IstioSecurity.AuthorizationPolicy.class).stream()
            .anyMatch(
                p ->
                    p.getSpec().selector() != null
                        && Selectors.matches(p.getSpec().selector().matchLabels(), podLabels));
    return noSidecar || screened
        ? List.of()
        : List.of(
            TRUSTED_CIDRS
                + " trusts the Istio sidecar's address "
                + trusted
                + ", but the server pod neither sets "
                + SIDECAR_INJECT_LABEL
                + "=false nor has an AuthorizationPolicy: any pod could send kubeflow-userid");
  }

  private static String blankToEmpty(String value) {
    return value == null ? "" : value;
  }

  List<String> shutdown() {
    PodSpec pod = rendered.server().getSpec().getTemplate().getSpec();
    long grace =
        pod.getTerminationGracePeriodSeconds() == null
            ? 30
            : pod.getTerminationGracePeriodSeconds();
    Container c = rendered.serverContainer();
    long preStop = 0;
    if (c.getLifecycle() != null
        && c.getLifecycle().getPreStop() != null
        && c.getLifecycle().getPreStop().getSleep() != null) {
      preStop = c.getLifecycle().getPreStop().getSleep().getSeconds();
    }
    long needed = SHUTDOWN_TIMEOUT_SECONDS + preStop;
    return grace > needed
        ? List.of()
        : List.of(
            "terminationGracePeriodSeconds "
                + grace
                + " must exceed the preStop sleep plus shutdown timeout ("
                + needed
                + " s)");
  }

  /** Every container of every workload has CPU and memory requests and a memory limit. */
  List<String> resources() {
    List<String> problems = new ArrayList<>();
    for (Workload w : rendered.workloads()) {
      for (Container c : w.template().getSpec().getContainers()) {
        ResourceRequirements r = c.getResources();
        String id = w.kind() + "/" + w.name() + " container " + c.getName();
        if (r == null
            || r.getRequests() == null
            || !r.getRequests().containsKey("cpu")
            || !r.getRequests().containsKey("memory")) {
          problems.add(id + ": needs cpu and memory requests");
        }
        if (r == null || r.getLimits() == null || !r.getLimits().containsKey("memory")) {
          problems.add(id + ": needs a memory limit");
        }
      }
    }
    return problems;
  }

  List<String> image() {
    String image = rendered.serverContainer().getImage();
    String prefix = IMAGE + ":";
    if (image == null || !image.startsWith(prefix) || image.length() == prefix.length()) {
      return List.of("server image must be " + IMAGE + ":<tag>, is " + image);
    }
    return image.endsWith(":latest")
        ? List.of("server image must pin a tag, not latest")
        : List.of();
  }

  /** Variables the container ends up with: envFrom ConfigMaps first, env entries override. */
  Map<String, String> environment(Container c) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvFromSource from : list(c.getEnvFrom())) {
      if (from.getConfigMapRef() != null) {
        rendered
            .find(ConfigMap.class, from.getConfigMapRef().getName())
            .map(ConfigMap::getData)
            .ifPresent(data -> data.forEach((k, v) -> env.put(prefix(from) + k, v)));
      }
    }
    for (EnvVar e : list(c.getEnv())) {
      env.put(e.getName(), e.getValue());
    }
    return env;
  }

  private static String prefix(EnvFromSource from) {
    return from.getPrefix() == null ? "" : from.getPrefix();
  }

  static OptionalInt resolve(IntOrString port, List<Container> containers) {
    if (port == null) {
      return OptionalInt.empty();
    }
    if (port.getIntVal() != null) {
      int number = port.getIntVal();
      return containers.stream()
              .flatMap(c -> list(c.getPorts()).stream())
              .anyMatch(p -> p.getContainerPort() == number)
          ? OptionalInt.of(number)
          : OptionalInt.empty();
    }
    return containers.stream()
        .flatMap(c -> list(c.getPorts()).stream())
        .filter(p -> port.getStrVal().equals(p.getName()))
        .mapToInt(ContainerPort::getContainerPort)
        .findFirst();
  }

  private static String text(IntOrString value) {
    return value == null
        ? "null"
        : value.getIntVal() != null ? value.getIntVal().toString() : value.getStrVal();
  }

  static String id(HasMetadata o) {
    return o.getKind() + "/" + o.getMetadata().getName();
  }

  static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : values;
  }
}

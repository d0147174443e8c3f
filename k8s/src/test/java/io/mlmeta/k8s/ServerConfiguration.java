package io.mlmeta.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The environment variables the server reads, derived from its application.properties. */
final class ServerConfiguration {

  static final Path APPLICATION_PROPERTIES =
      Path.of("..", "metadata-server", "src", "main", "resources", "application.properties");

  /**
   * The Neo4j variables the deployment sets before the server's Neo4j configuration lands (#6).
   * Allowed only while application.properties mentions Neo4j nowhere: once it does, the names it
   * really reads are checked, so a mismatch (for example mlmeta.lineage.neo4j.uri read as
   * MLMETA_LINEAGE_NEO4J_URI) fails instead of leaving the mirror silently unconfigured.
   */
  static final Set<String> PENDING_NEO4J =
      Set.of("MLMETA_NEO4J_URI", "MLMETA_NEO4J_USER", "MLMETA_NEO4J_PASSWORD");

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)[:}]");

  private final Set<String> environmentNames;

  private ServerConfiguration(Set<String> environmentNames) {
    this.environmentNames = environmentNames;
  }

  static ServerConfiguration load() {
    return load(APPLICATION_PROPERTIES);
  }

  static ServerConfiguration load(Path applicationProperties) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(applicationProperties)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the server configuration " + applicationProperties, e);
    }
    Set<String> names = new TreeSet<>();
    boolean mentionsNeo4j = false;
    for (String key : properties.stringPropertyNames()) {
      // Profile-specific keys (%test.) never apply in a deployed pod.
      if (key.startsWith("%")) {
        continue;
      }
      names.add(environmentForm(key));
      mentionsNeo4j |=
          (key + properties.getProperty(key)).toLowerCase(Locale.ROOT).contains("neo4j");
      Matcher matcher = REFERENCE.matcher(properties.getProperty(key));
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
    }
    if (!mentionsNeo4j) {
      names.addAll(PENDING_NEO4J);
    }
    return new ServerConfiguration(names);
  }

  /** MicroProfile Config's environment form: non-alphanumerics become '_', then upper case. */
  static String environmentForm(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  boolean reads(String environmentVariable) {
    return environmentNames.contains(environmentVariable);
  }

  Set<String> environmentNames() {
    return environmentNames;
  }
}

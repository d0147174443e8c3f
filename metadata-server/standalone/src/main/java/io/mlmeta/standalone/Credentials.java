package io.mlmeta.standalone;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Passwords of the embedded databases, generated on first start and kept in the data directory in a
 * file only its owner can read: the PostgreSQL superuser's (used by the launcher alone), the
 * application role's (handed to the server) and Neo4j's.
 */
final class Credentials {

  static final String FILE_NAME = "credentials.properties";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Properties values;
  private final boolean created;

  private Credentials(Properties values, boolean created) {
    this.values = values;
    this.created = created;
  }

  /** Reads the data directory's credentials, generating the file (mode 0600) when it is missing. */
  static Credentials in(Path home) throws IOException {
    Path file = home.resolve(FILE_NAME);
    Properties values = new Properties();
    if (Files.exists(file)) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        values.load(reader);
      }
    }
    boolean created = false;
    for (String key : new String[] {"postgres.superuser", "postgres.application", "neo4j"}) {
      if (values.getProperty(key + ".password", "").isEmpty()) {
        values.setProperty(key + ".password", generated());
        created = true;
      }
    }
    if (created) {
      Map<String, String> entries = new TreeMap<>();
      values.stringPropertyNames().forEach(key -> entries.put(key, values.getProperty(key)));
      PrivateFiles.writeProperties(
          file, entries, "passwords of mlmeta's embedded databases; keep this file private");
    }
    return new Credentials(values, created);
  }

  String postgresSuperuserPassword() {
    return values.getProperty("postgres.superuser.password");
  }

  String postgresApplicationPassword() {
    return values.getProperty("postgres.application.password");
  }

  String neo4jPassword() {
    return values.getProperty("neo4j.password");
  }

  /** True when this start generated a password, which the databases do not know yet. */
  boolean created() {
    return created;
  }

  /** 32 random characters of the URL-safe base-64 alphabet: 192 bits, nothing to escape. */
  private static String generated() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

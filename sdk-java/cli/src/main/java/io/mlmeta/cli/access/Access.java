package io.mlmeta.cli.access;

import io.mlmeta.sdk.access.ApiToken;
import io.mlmeta.sdk.access.Grant;
import io.mlmeta.sdk.access.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Shared rendering and parsing of the access commands. */
final class Access {

  private static final Pattern RELATIVE = Pattern.compile("(\\d+)([dh])");

  private Access() {}

  /** A role as people write it: {@code reader}, {@code writer}, {@code owner}. */
  static String name(Role role) {
    return role.name().toLowerCase(Locale.ROOT);
  }

  /** Roles by workspace as a JSON object of role names. */
  static Map<String, Object> roles(Map<String, Role> roles) {
    Map<String, Object> m = new LinkedHashMap<>();
    roles.forEach((workspace, role) -> m.put(workspace, name(role)));
    return m;
  }

  /** Roles by workspace as {@code ws=writer, other=reader}, or null for none. */
  static String scopes(Map<String, Role> roles) {
    return roles.entrySet().stream()
        .map(e -> e.getKey() + "=" + name(e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /**
   * An expiry: {@code 30d} or {@code 12h} from {@code now}, a date ({@code 2027-01-01}, midnight
   * UTC) or an instant ({@code 2027-01-01T00:00:00Z}).
   *
   * @throws IllegalArgumentException for anything else
   */
  static Instant expiry(String text, Instant now) {
    String value = text.strip();
    Matcher relative = RELATIVE.matcher(value);
    if (relative.matches()) {
      long amount = Long.parseLong(relative.group(1));
      return now.plusSeconds(amount * (relative.group(2).equals("d") ? 86_400 : 3_600));
    }
    try {
      return value.contains("T")
          ? Instant.parse(value)
          : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--expires takes 30d, 12h, 2027-01-01 or 2027-01-01T00:00:00Z, not " + text);
    }
  }

  /** A token as a JSON object. */
  static Map<String, Object> json(ApiToken token) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", token.id());
    m.put("name", token.name());
    m.put("admin", token.admin());
    m.put("scopes", roles(token.scopes()));
    m.put("createdBy", token.createdBy());
    m.put("createTime", token.createTime());
    m.put("expireTime", token.expireTime());
    m.put("revokeTime", token.revokeTime());
    m.put("revokedBy", token.revokedBy());
    return m;
  }

  /** A token's state: active, expired or revoked. */
  static String state(ApiToken token, Instant now) {
    if (token.revokeTime() != null) {
      return "revoked";
    }
    return token.activeAt(now) ? "active" : "expired";
  }

  /** A grant as a JSON object. */
  static Map<String, Object> json(Grant grant) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("workspace", grant.workspace());
    m.put("granteeKind", grant.grantee().kind().name().toLowerCase(Locale.ROOT));
    m.put("grantee", grant.grantee().name());
    m.put("role", name(grant.role()));
    m.put("grantedBy", grant.grantedBy());
    m.put("grantTime", grant.grantTime());
    return m;
  }
}

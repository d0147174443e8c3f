package io.mlmeta.k8s;

import io.mlmeta.k8s.IstioSecurity.Action;
import io.mlmeta.k8s.IstioSecurity.AuthorizationPolicy;
import io.mlmeta.k8s.IstioSecurity.Condition;
import io.mlmeta.k8s.IstioSecurity.From;
import io.mlmeta.k8s.IstioSecurity.Rule;
import io.mlmeta.k8s.IstioSecurity.Source;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Istio's decision on one request under an ALLOW AuthorizationPolicy, for the parts of the policy
 * language the manifests use: source principals and request-header conditions. Anything else in a
 * policy throws, so the tests cannot pass by ignoring a rule they do not understand.
 *
 * <p>Semantics as Istio documents and builds them: a request is allowed when any rule matches; a
 * rule matches when any of its sources and all of its conditions do; {@code "*"} means present (a
 * header) or any authenticated peer (a principal), {@code "p*"} and {@code "*s"} are prefix and
 * suffix matches, case-sensitive; {@code notValues} holds when the header is absent or matches
 * none. A plaintext request has no principal.
 */
final class IstioAuthorization {

  private static final Pattern HEADER = Pattern.compile("request\\.headers\\[([^\\]]+)]");

  /**
   * A request as the server's sidecar sees it.
   *
   * @param principal the peer's mTLS identity, or null for a plaintext peer
   * @param headers header values by lower-case name
   */
  record Request(String principal, Map<String, String> headers) {}

  private IstioAuthorization() {}

  static boolean allows(AuthorizationPolicy policy, Request request) {
    Action action = policy.getSpec().action();
    if (action != null && action != Action.ALLOW) {
      throw new UnsupportedOperationException("only ALLOW policies are modelled, not " + action);
    }
    return ManifestChecks.list(policy.getSpec().rules()).stream()
        .anyMatch(rule -> matches(rule, request));
  }

  private static boolean matches(Rule rule, Request request) {
    if (!ManifestChecks.list(rule.to()).isEmpty()) {
      throw new UnsupportedOperationException("rules with 'to' are not modelled");
    }
    List<From> from = ManifestChecks.list(rule.from());
    boolean source = from.isEmpty() || from.stream().anyMatch(f -> matches(f.source(), request));
    return source && ManifestChecks.list(rule.when()).stream().allMatch(c -> holds(c, request));
  }

  private static boolean matches(Source source, Request request) {
    if (source.notPrincipals() != null
        || source.requestPrincipals() != null
        || source.notRequestPrincipals() != null
        || source.namespaces() != null
        || source.notNamespaces() != null
        || source.ipBlocks() != null
        || source.notIpBlocks() != null
        || source.remoteIpBlocks() != null
        || source.notRemoteIpBlocks() != null) {
      throw new UnsupportedOperationException("only source.principals is modelled: " + source);
    }
    return source.principals() == null
        || (request.principal() != null && anyMatches(source.principals(), request.principal()));
  }

  private static boolean holds(Condition condition, Request request) {
    Matcher header = HEADER.matcher(condition.key());
    if (!header.matches()) {
      throw new UnsupportedOperationException("only request.headers[...] conditions are modelled");
    }
    String value = request.headers().get(header.group(1));
    boolean values =
        condition.values() == null || (value != null && anyMatches(condition.values(), value));
    boolean notValues =
        condition.notValues() == null || value == null || !anyMatches(condition.notValues(), value);
    return values && notValues;
  }

  private static boolean anyMatches(List<String> patterns, String value) {
    return patterns.stream().anyMatch(pattern -> matches(pattern, value));
  }

  private static boolean matches(String pattern, String value) {
    if (pattern.equals("*")) {
      return true;
    }
    if (pattern.endsWith("*")) {
      return value.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    if (pattern.startsWith("*")) {
      return value.endsWith(pattern.substring(1));
    }
    return value.equals(pattern);
  }
}

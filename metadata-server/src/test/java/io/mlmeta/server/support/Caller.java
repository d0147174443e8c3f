package io.mlmeta.server.support;

import static io.restassured.RestAssured.given;

import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One caller of the test server: a user named by the trusted gateway's headers (the test server
 * trusts loopback as its gateway), an API token, or nobody (anonymous: the local admin on
 * loopback). The same identity is sent over GraphQL and gRPC.
 */
public final class Caller {

  private final String description;
  private final Map<String, String> headers;

  private Caller(String description, Map<String, String> headers) {
    this.description = description;
    this.headers = Map.copyOf(headers);
  }

  public static Caller anonymous() {
    return new Caller("anonymous", Map.of());
  }

  /** A user the gateway names, with groups. */
  public static Caller user(String subject, String... groups) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("kubeflow-userid", subject);
    if (groups.length > 0) {
      headers.put("kubeflow-groups", String.join(",", groups));
    }
    return new Caller(subject, headers);
  }

  /** A unique user, so tests do not share grants. */
  public static Caller uniqueUser(String prefix, String... groups) {
    return user(Names.unique(prefix) + "@example.com", groups);
  }

  /** A caller presenting a bearer value, such as an API token. */
  public static Caller bearer(String value) {
    return new Caller("bearer", Map.of("Authorization", "Bearer " + value));
  }

  public String subject() {
    String user = headers.get("kubeflow-userid");
    return user == null ? description : user;
  }

  public JsonPath graphQl(String query) {
    return graphQl(query, Map.of());
  }

  public JsonPath graphQl(String query, Map<String, Object> variables) {
    return request()
        .contentType(ContentType.JSON)
        .body(Map.of("query", query, "variables", variables))
        .post("/graphql")
        .then()
        .extract()
        .jsonPath();
  }

  /** A RestAssured request carrying this caller's identity. */
  public RequestSpecification request() {
    return given().headers(headers);
  }

  /** {@code stub} sending this caller's identity with every call. */
  public <S extends AbstractStub<S>> S grpc(S stub) {
    Metadata metadata = new Metadata();
    headers.forEach(
        (name, value) ->
            metadata.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
  }

  @Override
  public String toString() {
    return description;
  }
}

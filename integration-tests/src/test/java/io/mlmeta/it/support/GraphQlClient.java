package io.mlmeta.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A minimal GraphQL-over-HTTP client, as any platform component would use. */
public final class GraphQlClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI endpoint;
  private final Map<String, String> headers;

  public GraphQlClient(String baseUrl) {
    this(baseUrl, Map.of());
  }

  /** A client sending {@code headers} with every request, such as a bearer token. */
  public GraphQlClient(String baseUrl, Map<String, String> headers) {
    this.endpoint = URI.create(baseUrl + "/graphql");
    this.headers = Map.copyOf(headers);
  }

  /** Posts a document; returns the whole response ({@code data} and {@code errors}). */
  public JsonNode post(String query, Map<String, Object> variables) {
    try {
      String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(endpoint)
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      headers.forEach(request::header);
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("GraphQL call failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Posts a document and fails on any GraphQL error; returns {@code data}. */
  public JsonNode data(String query, Map<String, Object> variables) {
    JsonNode response = post(query, variables);
    if (response.hasNonNull("errors")) {
      throw new AssertionError("GraphQL errors: " + response.get("errors"));
    }
    return response.get("data");
  }
}

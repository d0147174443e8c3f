package io.mlmeta.server.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestErrorsTest {

  @Test
  void aStatusWithoutMessageIsAnsweredWithItsReasonPhrase() {
    Response response =
        new RestErrors().toResponse(new WebApplicationException((String) null, 405));

    assertThat(response.getStatus()).isEqualTo(405);
    assertThat(response.getEntity())
        .isEqualTo(Map.of("code", "HTTP_405", "message", "Method Not Allowed"));
  }

  @Test
  void anUnknownStatusWithoutMessageNamesTheStatus() {
    Response response =
        new RestErrors().toResponse(new WebApplicationException((String) null, 599));

    assertThat(response.getEntity()).isEqualTo(Map.of("code", "HTTP_599", "message", "HTTP 599"));
  }
}

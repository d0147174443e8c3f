package io.mlmeta.server.api.rest;

import io.mlmeta.server.api.error.ErrorTable;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Turns every exception a REST endpoint throws into the HTTP status of the shared error table and a
 * small JSON body ({@code code}, {@code message}); never a stack trace.
 */
@Provider
public class RestErrors implements ExceptionMapper<RuntimeException> {

  @Override
  public Response toResponse(RuntimeException exception) {
    if (exception instanceof jakarta.ws.rs.WebApplicationException web) {
      int status = web.getResponse().getStatus();
      String message = web.getMessage();
      if (message == null) {
        // JAX-RS leaves the message empty for plain statuses such as 404 and 405.
        Response.StatusType known = Response.Status.fromStatusCode(status);
        message = known == null ? "HTTP " + status : known.getReasonPhrase();
      }
      return Response.status(status)
          .type(MediaType.APPLICATION_JSON)
          .entity(Map.of("code", "HTTP_" + status, "message", message))
          .build();
    }
    ErrorTable.ClientError error = ErrorTable.describe(exception);
    return Response.status(error.code().httpStatus())
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("code", error.code().name(), "message", error.message()))
        .build();
  }
}

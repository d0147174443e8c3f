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
      return Response.status(web.getResponse().getStatus())
          .type(MediaType.APPLICATION_JSON)
          .entity(
              Map.of("code", "HTTP_" + web.getResponse().getStatus(), "message", web.getMessage()))
          .build();
    }
    ErrorTable.ClientError error = ErrorTable.describe(exception);
    return Response.status(error.code().httpStatus())
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("code", error.code().name(), "message", error.message()))
        .build();
  }
}

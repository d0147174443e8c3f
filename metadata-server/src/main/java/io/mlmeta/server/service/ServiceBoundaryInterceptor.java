package io.mlmeta.server.service;

import io.mlmeta.server.domain.error.MetadataException;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Translates database outages and aborted transactions into {@code UnavailableException} and {@code
 * ConflictException} once, at the service boundary, so gRPC, GraphQL and REST all answer them as
 * retryable. It runs outside the transaction interceptor, so failures at commit are translated too.
 */
@ServiceBoundary
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class ServiceBoundaryInterceptor {

  @AroundInvoke
  Object translate(InvocationContext invocation) throws Exception {
    try {
      return invocation.proceed();
    } catch (MetadataException e) {
      throw e;
    } catch (RuntimeException e) {
      throw DatabaseFailures.classify(e).map(RuntimeException.class::cast).orElse(e);
    }
  }
}

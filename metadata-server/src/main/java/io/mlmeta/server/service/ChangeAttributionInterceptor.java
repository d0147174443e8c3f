package io.mlmeta.server.service;

import io.mlmeta.server.identity.Principal;
import io.mlmeta.server.observability.RequestIds;
import io.mlmeta.server.store.ChangeAttribution;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.Locale;
import org.jboss.logging.MDC;

/**
 * Attributes a {@link ChangesMetadata} method's transaction to its caller before the method runs.
 * It runs inside the transaction ({@code @Transactional}'s interceptor has priority 200), so the
 * attribution lasts exactly as long as the changes it describes.
 */
@ChangesMetadata
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
public class ChangeAttributionInterceptor {

  @Inject ChangeAttribution attribution;

  @AroundInvoke
  Object attribute(InvocationContext invocation) throws Exception {
    for (Object parameter : invocation.getParameters()) {
      if (parameter instanceof Principal caller) {
        Object requestId = MDC.get(RequestIds.MDC_KEY);
        attribution.attribute(
            name(caller), requestId instanceof String id && !id.isEmpty() ? id : null);
        break;
      }
    }
    return invocation.proceed();
  }

  /**
   * {@code user:alice@example.com}, {@code token:0123456789abcdef}, {@code anonymous:anonymous}.
   */
  static String name(Principal caller) {
    return caller.kind().name().toLowerCase(Locale.ROOT) + ":" + caller.subject();
  }
}

package io.mlmeta.server.observability;

import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Request ids correlate log lines of one call; a client-supplied id is kept if it is sane. */
public final class RequestIds {

  public static final String HEADER = "x-request-id";
  public static final String MDC_KEY = "requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestIds() {}

  public static String accept(@Nullable String supplied) {
    return supplied != null && SANE.matcher(supplied).matches()
        ? supplied
        : UUID.randomUUID().toString();
  }
}

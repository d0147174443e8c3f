package io.mlmeta.sdk.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Sends {@code authorization: Bearer <token>} with every call, the token given once or read from a
 * file. Internal to the SDK.
 */
public final class BearerToken implements ClientInterceptor {

  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final @Nullable String fixed;
  private final @Nullable TokenSource file;

  /** An interceptor sending this token. */
  public BearerToken(String token) {
    this.fixed = "Bearer " + token;
    this.file = null;
  }

  private BearerToken(TokenSource file) {
    this.fixed = null;
    this.file = file;
  }

  /**
   * An interceptor sending the token in {@code file}, read again whenever the file's modification
   * time changes: Kubernetes rotates projected service-account tokens in place.
   *
   * @param read reads the token from the file, null when the file is missing or blank
   * @throws IllegalArgumentException if the file holds no token now
   */
  public static BearerToken fromFile(Path file, Function<Path, @Nullable String> read) {
    TokenSource source = new TokenSource(file, read);
    if (source.current() == null) {
      throw new IllegalArgumentException("the token file " + file + " is missing or empty");
    }
    return new BearerToken(source);
  }

  private @Nullable String value() {
    if (fixed != null) {
      return fixed;
    }
    String token = file == null ? null : file.current();
    return token == null ? null : "Bearer " + token;
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        String value = value();
        if (value != null) {
          headers.put(AUTHORIZATION, value);
        }
        super.start(listener, headers);
      }
    };
  }

  /** A token file and its last good reading. */
  private static final class TokenSource {
    private final Path file;
    private final Function<Path, @Nullable String> read;
    private @Nullable FileTime readAt;
    private @Nullable String token;

    TokenSource(Path file, Function<Path, @Nullable String> read) {
      this.file = file;
      this.read = read;
    }

    /**
     * The file's token, re-read if the file changed. While the file is missing, unreadable or blank
     * (a rotation in progress), the last token read is kept: the server judges it.
     */
    synchronized @Nullable String current() {
      try {
        FileTime modified = Files.getLastModifiedTime(file);
        if (!modified.equals(readAt)) {
          String fresh = read.apply(file);
          if (fresh != null) {
            token = fresh;
            readAt = modified;
          }
        }
      } catch (IOException | UncheckedIOException e) {
        return token;
      }
      return token;
    }
  }
}

package io.mlmeta.server.service;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a service method that may change stored metadata: its transaction is attributed to the
 * caller (its {@code Principal} argument) and the request, so that every change-log entry it
 * appends says who made it and in which request (see {@link ChangeAttributionInterceptor}).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ChangesMetadata {}

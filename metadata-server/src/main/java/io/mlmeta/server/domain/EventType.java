package io.mlmeta.server.domain;

/**
 * How an execution touched an artifact. In data-flow terms INPUT is artifact to execution, OUTPUT
 * is execution to artifact.
 */
public enum EventType {
  INPUT,
  OUTPUT
}

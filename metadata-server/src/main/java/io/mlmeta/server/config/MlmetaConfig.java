package io.mlmeta.server.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every mlmeta-specific setting, under the {@code mlmeta.} prefix. */
@ConfigMapping(prefix = "mlmeta")
public interface MlmetaConfig {

  Limits limits();

  /** Guards against requests that would hurt the store or other tenants. */
  interface Limits {

    /** Largest properties (or schema) JSON document accepted, in bytes. */
    @WithDefault("262144")
    int maxPropertiesBytes();

    /** Most executions accepted in one batch call, and the write batch of the ingest stream. */
    @WithDefault("500")
    int maxBatchSize();
  }
}

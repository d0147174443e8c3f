package io.mlmeta.graph.postgres;

/** A failed read of the metadata store's lineage tables. */
public final class LineageStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LineageStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

/** The heap engine: compact, thread-safe, for tests and as a fast index. */
package io.mlmeta.graph.memory;

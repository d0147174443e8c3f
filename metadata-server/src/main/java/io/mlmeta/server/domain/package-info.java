/**
 * The records, commands, filters and states every layer shares ({@code Artifact}, {@code
 * Execution}, {@code Context}, {@code RecordExecution}, ...). The package stays free of Quarkus,
 * Jakarta, Hibernate, gRPC and generated proto types ({@code ArchitectureTest}): adapters map to
 * it, services and store ports speak it. Its errors are in {@code domain.error}.
 */
package io.mlmeta.server.domain;

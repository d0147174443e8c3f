/**
 * Checks the use cases share: request fields ({@link io.mlmeta.server.service.validation.Inputs}),
 * opaque keyset page tokens, property paths, JSON Schema validation of properties and the rules of
 * type evolution ({@link io.mlmeta.server.service.validation.SchemaCompatibility}). Failures name
 * the offending field; nothing here touches the database.
 */
package io.mlmeta.server.service.validation;

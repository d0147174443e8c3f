/**
 * The audit report of a model's provenance: {@link io.mlmeta.cli.audit.AuditReport} (pure data,
 * sorted), {@link io.mlmeta.cli.audit.AuditCollector} (reads it through the SDK), one renderer per
 * {@link io.mlmeta.cli.audit.AuditFormat} and {@link io.mlmeta.cli.audit.ReportDigest}, which seals
 * and verifies every format the same way.
 */
package io.mlmeta.cli.audit;

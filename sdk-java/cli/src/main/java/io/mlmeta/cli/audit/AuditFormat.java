package io.mlmeta.cli.audit;

import java.util.function.Function;

/** The formats of an audit report; each output is sealed with {@link ReportDigest}. */
public enum AuditFormat {
  /** JSON, the digest in a last {@code digest} field. */
  json(JsonAuditRenderer::render),
  /** Markdown with a Mermaid lineage diagram, the digest in a last HTML comment. */
  md(MarkdownAuditRenderer::render),
  /** A self-contained HTML page with an inline SVG diagram, the digest in a last comment. */
  html(HtmlAuditRenderer::render),
  /** One flat CSV table, the digest in a last {@code #} comment line. */
  csv(CsvAuditRenderer::render),
  /** W3C PROV-JSON, the digest as an attribute of the report's own entity. */
  prov(ProvAuditRenderer::render);

  private final Function<AuditReport, String> renderer;

  AuditFormat(Function<AuditReport, String> renderer) {
    this.renderer = renderer;
  }

  /** The sealed report in this format. */
  public String render(AuditReport report) {
    return ReportDigest.seal(renderer.apply(report));
  }
}

/** Deterministic text renderers shared by the commands: JSON and aligned tables. */
package io.mlmeta.cli.output;

/** {@code mlmeta export}: audit reports and their verification. */
package io.mlmeta.cli.export;

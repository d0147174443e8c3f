/** {@code mlmeta log}: the server's change log. */
package io.mlmeta.cli.log;

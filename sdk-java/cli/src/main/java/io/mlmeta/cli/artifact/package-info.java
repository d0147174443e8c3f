/** {@code mlmeta artifacts}: listing artifacts of a workspace. */
package io.mlmeta.cli.artifact;

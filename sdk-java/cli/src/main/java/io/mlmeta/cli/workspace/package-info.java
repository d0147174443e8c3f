/** {@code mlmeta workspaces}: listing workspaces. */
package io.mlmeta.cli.workspace;

/**
 * {@code mlmeta login}, {@code logout}, {@code whoami}, {@code tokens} and {@code grants}: who is
 * calling, API tokens and roles in workspaces.
 */
package io.mlmeta.cli.access;

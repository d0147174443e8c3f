/** {@code mlmeta executions}: listing executions of a workspace. */
package io.mlmeta.cli.execution;

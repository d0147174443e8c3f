/** {@code mlmeta types}: listing and registering artifact, execution and context types. */
package io.mlmeta.cli.type;

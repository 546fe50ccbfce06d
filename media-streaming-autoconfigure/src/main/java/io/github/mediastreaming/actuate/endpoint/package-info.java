/**
 * The actuator endpoint {@code media}: active streams, cache figures, the index of one file, and
 * evicting a file's cached index.
 */
@NullMarked
package io.github.mediastreaming.actuate.endpoint;

import org.jspecify.annotations.NullMarked;

/**
 * Health of the media root.
 */
@NullMarked
package io.github.mediastreaming.actuate.health;

import org.jspecify.annotations.NullMarked;

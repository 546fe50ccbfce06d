/**
 * Micrometer metrics of media-streaming: request answers, streams, bytes, pacing waits, hang-ups, the
 * bandwidth pacing saved, indexing, and refused signed links. Meter names and tags are in {@link io.github.mediastreaming.metrics.MediaMeters}.
 */
@NullMarked
package io.github.mediastreaming.metrics;

import org.jspecify.annotations.NullMarked;

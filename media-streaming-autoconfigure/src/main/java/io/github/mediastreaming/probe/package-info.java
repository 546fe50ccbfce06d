/**
 * Bitrate and duration probes for the formats that are paced but not seeked: Ogg (Vorbis, Opus), WAV,
 * AVI and Matroska/WebM. Each reader walks the container's own headers with a few positioned reads.
 *
 * <p>Our own small parsers: no maintained Java library reads these headers without pulling in a decoder
 * or reading the whole file, and each needs only a handful of fields.
 */
@NullMarked
package io.github.mediastreaming.probe;

import org.jspecify.annotations.NullMarked;

/**
 * The media index: what the server knows about one file (format, duration, bitrate, how to seek in it)
 * and the cached {@code MediaIndexService} that builds it once per file version. Container readers in
 * the {@code flv}, {@code mp4}, {@code mp3} and {@code probe} packages implement
 * {@link io.github.mediastreaming.index.MediaIndexReader}.
 */
@NullMarked
package io.github.mediastreaming.index;

import org.jspecify.annotations.NullMarked;

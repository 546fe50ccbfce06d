/**
 * MP3 (MPEG audio) indexing and {@code ?start=SECONDS} seeking.
 *
 * <p>Every MPEG audio frame holds the same number of samples, so the frame containing time {@code t} is
 * frame {@code floor(t × sampleRate / samplesPerFrame)} exactly; what is not known from the headers is
 * where it starts. CBR files place it by arithmetic (to within the padding byte), VBR files by the
 * Xing/Info table of contents (1 % of the duration per entry, as ffmpeg's own demuxer does) or the VBRI
 * table (exact frame counts per entry). A short scan of the file around that estimate then finds a real
 * frame boundary: a valid header whose successor is a valid header of the same stream. The index keeps
 * only the header figures and the table (at most a few hundred numbers), not a frame map.
 *
 * <p>Our own parser: the formats are a few fixed bit fields, and no maintained Java library exposes frame
 * positions without decoding.
 */
@NullMarked
package io.github.mediastreaming.mp3;

import org.jspecify.annotations.NullMarked;

/**
 * Bitrate and duration probes for the formats that are paced but not seekable: Ogg (Vorbis, Opus, FLAC,
 * Theora), WAV, AVI and Matroska/WebM. Each reader is a pure function from a file's header bytes (and,
 * for Ogg, a bounded tail and its page headers; for Matroska, its Clusters' and blocks' headers within a
 * read budget) to a {@link io.github.mediastreaming.index.MediaIndex} without a seeker.
 *
 * <p>These are our own small parsers rather than a library: the fields needed (an Ogg granule
 * position, a RIFF {@code fmt } byte rate, AVI stream headers, the Matroska {@code Info} element) sit in
 * a few hundred bytes of well-specified headers, and no maintained Java library reads them without
 * pulling in a decoder or a whole-file parser. Every size read from a file is untrusted: it is checked
 * against the file length before it drives a read or a skip, reads are bounded, and every walk has a
 * bounded number of steps, so hostile input ends in a
 * {@link io.github.mediastreaming.index.MediaFormatException}. A result under 1 kbit/s (a corrupt length
 * making a small file "last" for years) is rejected as malformed rather than paced at nothing.
 *
 * <p>Declared bitrates: a Vorbis identification header's nominal bitrate is only a hint for
 * variable-bitrate encodings (a 440 Hz tone at quality 6 declares 192 kbit/s and averages 36 kbit/s),
 * and ffprobe reports the container bitrate of an Ogg file as size / duration. Since the pacing bitrate
 * is {@code max(declared, size / duration)}, declaring the nominal would pace such a file five times too
 * fast. The Ogg reader therefore declares the nominal bitrate only when it cannot find a duration (no
 * final granule position in the tail) and otherwise declares none. Likewise AVI's
 * {@code dwMaxBytesPerSec} is a writer's guess at a maximum (ffmpeg writes its encoders' default
 * bitrates) and is not declared; a PCM WAV's byte rate, block align x sample rate, is exact and is
 * declared.
 */
@NullMarked
package io.github.mediastreaming.probe;

import org.jspecify.annotations.NullMarked;

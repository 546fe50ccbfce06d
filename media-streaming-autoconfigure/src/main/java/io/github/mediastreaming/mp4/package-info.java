/**
 * MP4 (ISO base media: MP4, M4A, M4V, MOV) indexing and {@code ?start=SECONDS&end=SECONDS} seeking by
 * rebuilding the {@code moov} box.
 *
 * <p>Reading: our own walker finds the top-level boxes (reading 16 bytes each, never {@code mdat}) and
 * reads the {@code moov} bytes; mp4parser (isoparser) parses that {@code moov} for its structural boxes
 * ({@code mvhd}, {@code mdhd}, {@code hdlr}, {@code elst}, {@code mvex}); the large sample tables
 * ({@code stts}, {@code ctts}, {@code stss}, {@code stsc}, {@code stsz}/{@code stz2},
 * {@code stco}/{@code co64}, {@code sdtp}) are read straight from the box bytes into primitive arrays,
 * which is what the index caches (mp4parser's box objects for a 2-hour movie cost tens of milliseconds
 * to read and megabytes to keep).
 *
 * <p>Cutting: every track is cut at the same presentation time: video at the sync sample at or before
 * the start (so the output always decodes; nginx cuts at the requested sample and ffmpeg reports
 * errors), audio and other tracks at the sample containing that time. With exact start, an edit list
 * hides the frames between that key frame and the requested time, as nginx's {@code mp4_start_key_frame}
 * does; ffmpeg, Chromium and Firefox honour edit lists, some older hardware players ignore them and start
 * at the key frame. The output is {@code ftyp}, the rebuilt {@code moov} ({@code co64} when an offset
 * needs it) and an {@code mdat} holding only the kept byte range, streamed from the file. A file whose
 * {@code moov} follows {@code mdat} is served in that order too, so it plays progressively without
 * {@code qt-faststart}. Fragmented MP4 is indexed (for pacing) but not cut.
 *
 * <p>Writing the new {@code moov} is our own code: mp4parser's writer goes through box objects and would
 * not meet a few-millisecond budget for a 250,000-sample movie.
 */
@NullMarked
package io.github.mediastreaming.mp4;

import org.jspecify.annotations.NullMarked;

/**
 * MP4 (ISO base media: MP4, M4A, M4V, MOV) indexing and {@code ?start=SECONDS&end=SECONDS} seeking by
 * rebuilding the {@code moov} box.
 *
 * <p>Reading: our own walker finds the top-level boxes (reading 16 bytes each, never {@code mdat}) and
 * reads the {@code moov} bytes; mp4parser's box classes parse the structural boxes ({@code mvhd},
 * {@code tkhd}, {@code mdhd}, {@code hdlr}, {@code elst}, {@code mehd}) one at a time, from payloads our
 * walk has checked ({@link io.github.mediastreaming.mp4.MovieStructure}); the sample tables are kept
 * close to their form in the file ({@link io.github.mediastreaming.mp4.TrackTable}: sizes at one, two or
 * four bytes a sample, {@code stts}/{@code ctts} runs, one offset a chunk with the {@code stsc} runs, the
 * sync samples), about 4.9 bytes a sample for an H.264/AAC movie, and what a cut copies as it is
 * ({@code ftyp}, the {@code moov} without its sample tables) in a
 * {@link io.github.mediastreaming.mp4.MoovTemplate}. What the index holds follows the bytes of the tables
 * in the file, never the counts they declare.
 *
 * <p>Cutting: a request maps to the point that decides its document (the key frame, the exact start in
 * ticks, the sample that ends it: {@link io.github.mediastreaming.mp4.CutPlan.CutPoint}), and every track
 * is cut at the same presentation time with binary searches on the tables: video at the sync sample at
 * or before the start (so the output always decodes; nginx cuts at the requested sample and ffmpeg
 * reports errors), audio and other tracks at the sample containing that time. With exact start, an edit
 * list hides the frames between that key frame and the requested time, as nginx's
 * {@code mp4_start_key_frame} does; ffmpeg, Chromium and Firefox honour edit lists, some older hardware
 * players ignore them and start at the key frame. The output is {@code ftyp}, the rebuilt {@code moov}
 * ({@code co64} when an offset needs it) and an {@code mdat} holding only the kept byte range, streamed
 * from the file. The head is a {@link io.github.mediastreaming.mp4.CutDocument}, produced from the tables
 * as it is sent, so no request holds a {@code moov}. A file whose {@code moov} follows {@code mdat} is
 * served in that order too, so it plays progressively without {@code qt-faststart}. Fragmented MP4 is
 * indexed (for pacing) but not cut.
 */
@NullMarked
package io.github.mediastreaming.mp4;

import org.jspecify.annotations.NullMarked;

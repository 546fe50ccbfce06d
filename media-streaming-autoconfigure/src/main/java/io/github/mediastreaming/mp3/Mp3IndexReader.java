package io.github.mediastreaming.mp3;

import java.io.IOException;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.ProbeFailure;
import org.jspecify.annotations.Nullable;

/**
 * Indexes an MP3 file: skips ID3v2 tags at the front, excludes ID3v1, APEv2 and appended ID3v2 tags at the
 * end, finds the first real frame, and reads a Xing/Info or VBRI header from it when there is one. Reads the
 * tags' headers, 64 KiB to find the first frame, and that frame; the frames past the header's byte count too
 * when there are more than a few (MP3s joined with {@code cat}).
 */
public final class Mp3IndexReader implements MediaIndexReader {

	private static final int ID3V2_HEADER_BYTES = 10;

	private static final int ID3V1_BYTES = 128;

	private static final int APE_FOOTER_BYTES = 32;

	private static final int SYNC_WINDOW_BYTES = 64 * 1024;

	private static final int XING_FRAMES = 1;

	private static final int XING_BYTES = 2;

	private static final int XING_TOC = 4;

	private static final int VBRI_OFFSET = 4 + 32;

	private static final int MAX_ID3V2_TAGS = 4;

	/** Audio past a header's byte count that is more than its rounding or a stray tag: another file's frames. */
	private static final int JOINED_TAIL_BYTES = 4 * MpegAudioHeader.MAX_FRAME_LENGTH;

	@Override
	public MediaIndex read(MediaSource source, IndexBudget budget) throws MediaFormatException, IOException {
		long size = source.size();
		long id3v2End = skipId3v2(source, 0, size);
		long audioEnd = trailingTagsStart(source, size, id3v2End);
		int windowLength = (int) Math.min(SYNC_WINDOW_BYTES, audioEnd - id3v2End);
		byte[] window = source.read(id3v2End, Math.max(0, windowLength));
		int first = -1;
		MpegAudioHeader header = null;
		for (int i = 0; i + 4 <= window.length && first < 0; i++) {
			header = FrameSync.frameAt(window, i, null, id3v2End + window.length == audioEnd);
			if (header != null) {
				first = i;
			}
		}
		if (header == null) {
			throw new MediaFormatException((size < ID3V2_HEADER_BYTES) ? ProbeFailure.TRUNCATED : ProbeFailure.MALFORMED,
					"No MPEG audio frame in the first " + window.length + " bytes of audio");
		}
		long firstFrame = id3v2End + first;
		byte[] frame = source.read(firstFrame, header.frameLength());
		Mp3Index.Builder index = new Mp3Index.Builder(size, id3v2End, audioEnd, header);
		if (readXing(frame, header, firstFrame, index) || readVbri(frame, firstFrame, index, budget)) {
			long streamEnd = index.declaredStreamEnd(firstFrame);
			if (streamEnd >= firstFrame + frame.length && audioEnd - streamEnd > JOINED_TAIL_BYTES) {
				// More audio than the header counts: files joined with cat, whose first header counts only
				// its own. Walk the rest (after the next file's tags), as a decoder plays it; a tail of
				// anything else walks to no frame.
				long tailStart = nextFileAudio(source, streamEnd, audioEnd);
				FrameWalk tail = FrameWalk.walk(source, header, tailStart, audioEnd, budget);
				if (tail.frames() > 0) {
					index.append(tailStart, tail);
				}
			}
		}
		else {
			if (FrameWalk.variable(source, header, firstFrame, audioEnd)) {
				// VBR without a header to say so (-write_xing 0, a piped encoder): count the frames.
				FrameWalk walk = FrameWalk.walk(source, header, firstFrame, audioEnd, budget);
				index.vbri(firstFrame, walk.frames(), audioEnd - firstFrame, walk.frameNumbers(), walk.offsets());
			}
			else {
				index.cbr(firstFrame, header, -1);
			}
		}
		return index.build(source);
	}

	/** Return where the audio starts: after every ID3v2 tag at a position. */
	private static long skipId3v2(MediaSource source, long from, long size) throws IOException, MediaFormatException {
		long position = from;
		for (int i = 0; i < MAX_ID3V2_TAGS; i++) {
			byte[] bytes = source.read(position, ID3V2_HEADER_BYTES);
			if (bytes.length < ID3V2_HEADER_BYTES || bytes[0] != 'I' || bytes[1] != 'D' || bytes[2] != '3') {
				return position;
			}
			ByteCursor header = new ByteCursor(bytes, 5, ID3V2_HEADER_BYTES);
			int flags = header.u8();
			long length = ID3V2_HEADER_BYTES + header.syncsafe32() + (((flags & 0x10) != 0) ? ID3V2_HEADER_BYTES : 0);
			if (position + length > size) {
				throw new MediaFormatException(ProbeFailure.TRUNCATED, "ID3v2 tag runs past the end of the file");
			}
			position += length;
		}
		return position;
	}

	/**
	 * Return where a joined file's audio starts: after the previous file's trailing tags (an APEv2 tag with
	 * its header, an ID3v1 tag) and the next file's ID3v2 tags; the end of the audio if they run past it.
	 */
	private static long nextFileAudio(MediaSource source, long from, long audioEnd) throws IOException {
		long position = from;
		for (int i = 0; i < 2; i++) {
			ByteCursor tag = new ByteCursor(source.read(position, APE_FOOTER_BYTES));
			String id = (tag.remaining() >= 8) ? tag.ascii(8) : "";
			if (id.startsWith("TAG") && position + ID3V1_BYTES <= audioEnd) {
				position += ID3V1_BYTES;
			}
			else if (id.equals("APETAGEX") && tag.remaining() == APE_FOOTER_BYTES - 8) {
				tag.skip(4); // version
				long total = APE_FOOTER_BYTES + tag.u32le(); // the header, then items and footer
				if (total > audioEnd - position) {
					return audioEnd;
				}
				position += total;
			}
			else {
				break;
			}
		}
		try {
			return skipId3v2(source, position, audioEnd);
		}
		catch (MediaFormatException ex) {
			return audioEnd;
		}
	}

	/** Return where the audio ends: before the ID3v1, APEv2 and appended ID3v2 tags at the end. */
	private static long trailingTagsStart(MediaSource source, long size, long audioStart) throws IOException {
		long end = size;
		if (end - audioStart >= ID3V1_BYTES) {
			byte[] tag = source.read(end - ID3V1_BYTES, 3);
			if (tag.length == 3 && tag[0] == 'T' && tag[1] == 'A' && tag[2] == 'G') {
				end -= ID3V1_BYTES;
			}
		}
		// An APEv2 tag and an appended ID3v2 tag, in either order.
		for (int i = 0; i < 2; i++) {
			long before = apeTagStart(source, end, audioStart);
			before = appendedId3v2Start(source, before, audioStart);
			if (before == end) {
				break;
			}
			end = before;
		}
		return end;
	}

	/** Return where an APEv2 tag that ends at {@code end} starts; {@code end} when there is none. */
	private static long apeTagStart(MediaSource source, long end, long audioStart) throws IOException {
		if (end - audioStart < APE_FOOTER_BYTES) {
			return end;
		}
		ByteCursor footer = new ByteCursor(source.read(end - APE_FOOTER_BYTES, APE_FOOTER_BYTES));
		if (footer.remaining() == APE_FOOTER_BYTES && footer.ascii(8).equals("APETAGEX")) {
			footer.skip(4); // version
			long tagSize = footer.u32le();
			footer.skip(4); // item count
			long flags = footer.u32le();
			long total = tagSize + (((flags & 0x80000000L) != 0) ? APE_FOOTER_BYTES : 0);
			if (total <= end - audioStart) {
				return end - total;
			}
		}
		return end;
	}

	/**
	 * Return where an ID3v2.4 tag appended after the audio starts, found by its footer ({@code 3DI}, which an
	 * appended tag must have) and checked against its header; {@code end} when there is none.
	 */
	private static long appendedId3v2Start(MediaSource source, long end, long audioStart) throws IOException {
		if (end - audioStart < 2 * ID3V2_HEADER_BYTES) {
			return end;
		}
		byte[] footer = source.read(end - ID3V2_HEADER_BYTES, ID3V2_HEADER_BYTES);
		if (footer.length < ID3V2_HEADER_BYTES || footer[0] != '3' || footer[1] != 'D' || footer[2] != 'I') {
			return end;
		}
		long total = 2L * ID3V2_HEADER_BYTES + new ByteCursor(footer, 6, ID3V2_HEADER_BYTES).syncsafe32();
		if (total > end - audioStart) {
			return end;
		}
		byte[] header = source.read(end - total, 3);
		boolean id3 = header.length == 3 && header[0] == 'I' && header[1] == 'D' && header[2] == '3';
		return id3 ? end - total : end;
	}

	private static boolean readXing(byte[] frame, MpegAudioHeader header, long firstFrame, Mp3Index.Builder index) {
		int offset = header.xingOffset();
		if (frame.length < offset + 8) {
			return false;
		}
		ByteCursor cursor = new ByteCursor(frame, offset, frame.length);
		String tag = cursor.ascii(4);
		if (!tag.equals("Xing") && !tag.equals("Info")) {
			return false;
		}
		long flags = cursor.u32();
		long frames = ((flags & XING_FRAMES) != 0 && cursor.remaining() >= 4) ? cursor.u32() : -1;
		long bytes = ((flags & XING_BYTES) != 0 && cursor.remaining() >= 4) ? cursor.u32() : -1;
		int @Nullable [] toc = null;
		if ((flags & XING_TOC) != 0 && cursor.remaining() >= 100) {
			toc = new int[100];
			for (int i = 0; i < 100; i++) {
				toc[i] = cursor.u8();
			}
		}
		long audioStart = firstFrame + header.frameLength();
		if (tag.equals("Info") || frames <= 0) {
			// Info is LAME's tag for CBR files: its frame is not audio, and its bitrate may differ from
			// the audio frames' (the builder reads the first audio frame's).
			index.cbr(audioStart, null, frames);
			index.declaredBytes(bytes);
		}
		else {
			index.xing(audioStart, frames, bytes, toc);
		}
		return true;
	}

	private static boolean readVbri(byte[] frame, long firstFrame, Mp3Index.Builder index, IndexBudget budget)
			throws MediaFormatException {
		if (frame.length < VBRI_OFFSET + 26) {
			return false;
		}
		ByteCursor cursor = new ByteCursor(frame, VBRI_OFFSET, frame.length);
		if (!cursor.ascii(4).equals("VBRI")) {
			return false;
		}
		cursor.skip(2 + 2 + 2); // version, delay, quality
		long bytes = cursor.u32();
		long frames = cursor.u32();
		int entries = cursor.u16();
		int scale = cursor.u16();
		int entrySize = cursor.u16();
		int framesPerEntry = cursor.u16();
		if (frames <= 0 || entrySize < 1 || entrySize > 4 || cursor.remaining() < entries * entrySize) {
			return false;
		}
		budget.reserve(entries + 1L, 2 * Long.BYTES, "VBRI table entries");
		long[] offsets = new long[entries + 1];
		long[] frameNumbers = new long[entries + 1];
		for (int i = 0; i < entries; i++) {
			long value = 0;
			for (int b = 0; b < entrySize; b++) {
				value = value << 8 | cursor.u8();
			}
			offsets[i + 1] = offsets[i] + value * scale;
			frameNumbers[i + 1] = Math.min(frames, frameNumbers[i] + framesPerEntry);
		}
		index.vbri(firstFrame + frame.length, frames, bytes, frameNumbers, offsets);
		return true;
	}

}

package io.github.mediastreaming.fuzz;

import java.util.List;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.index.SeekRequest;

import static io.github.mediastreaming.fuzz.CutHarness.check;

/**
 * What a cut of each format must look like at its seams, beyond the contract every body keeps.
 */
final class FormatChecks {

	private static final int FLV_SEEK_HEADER_BYTES = 13;

	private FormatChecks() {
	}

	/** An FLV cut starts with an FLV version 1 header (the file's own, or a rewritten one). */
	static void flv(SeekRequest request, MediaBody body, byte[] document) {
		check(document.length >= FLV_SEEK_HEADER_BYTES && document[0] == 'F' && document[1] == 'L' && document[2] == 'V'
				&& document[3] == 1, "FLV cut for " + request + " does not start with an FLV header");
	}

	/** An MP3 cut's audio (its last part) starts on a frame header. */
	static void mp3(SeekRequest request, MediaBody body, byte[] document) {
		if (wholeFile(body)) {
			return;
		}
		List<BodyPart> parts = body.parts();
		BodyPart audio = parts.get(parts.size() - 1);
		check(audio instanceof BodyPart.FileRegion, "MP3 cut for " + request + " does not end with file audio");
		int at = (int) (document.length - audio.length());
		check(at + 1 < document.length && (document[at] & 0xFF) == 0xFF && (document[at + 1] & 0xE0) == 0xE0,
				"MP3 cut for " + request + " does not start its audio on a frame header");
	}

	/** An MP4 cut is top-level boxes ({@code ftyp}, {@code moov}, {@code mdat}) that fill it exactly. */
	static void mp4(SeekRequest request, MediaBody body, byte[] document) {
		if (wholeFile(body)) {
			return;
		}
		long position = 0;
		while (position < document.length) {
			check(document.length - position >= 8, "MP4 cut for " + request + " ends inside a box header at " + position);
			long size = u32(document, (int) position);
			if (size == 1) {
				check(document.length - position >= 16, "MP4 cut for " + request + " ends inside a box header");
				size = u32(document, (int) position + 8) << 32 | u32(document, (int) position + 12);
			}
			check(size >= 8 && size <= document.length - position,
					"MP4 cut for " + request + " has a box of " + size + " bytes at " + position + " in " + document.length);
			position += size;
		}
	}

	private static boolean wholeFile(MediaBody body) {
		return body.parts().size() == 1 && body.parts().get(0) instanceof BodyPart.FileRegion region && region.offset() == 0;
	}

	private static long u32(byte[] bytes, int at) {
		return (bytes[at] & 0xFFL) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8 | (bytes[at + 3] & 0xFF);
	}

}

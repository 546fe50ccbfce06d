package io.github.mediastreaming.probe;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.MediaTimeline;
import org.jspecify.annotations.Nullable;

/**
 * Probes an Ogg file ({@code .ogg}, {@code .oga}, {@code .ogv}, {@code .opus}): Vorbis, Opus, FLAC and
 * Theora streams. Reads the beginning-of-stream pages for each stream's identification header, then a
 * bounded tail of the file for the last intact page of each stream with a granule position, which gives
 * its duration: {@code granule / sampleRate} for Vorbis and FLAC, {@code (granule - preSkip) / 48000} for
 * Opus, the granule's frame count over the frame rate for Theora. The file lasts its longest stream (as
 * ffprobe says: a Theora film whose Vorbis ends first lasts the film), and is timed by the pages of its
 * first audio stream that lasts about as long, else of the longest.
 *
 * <p>For example a 6 s Opus file with a pre-skip of 312 ends on granule 288 312 and has a duration of
 * 6 000 000 µs. The declared bitrate is 0 (the average is used) unless no final granule can be found,
 * when a Vorbis nominal bitrate is declared instead so the file can still be paced.
 *
 * <p>The timeline comes from the granule positions of the stream's pages, walked by their sizes: one
 * small read a page (a 4-minute song has about a thousand), at most {@link #MAX_TIMELINE_PAGES}. The walk
 * also finds chained links (files concatenated, as {@code cat a.opus b.opus} makes, each link a new stream
 * whose granules start again at 0): each link's media follows the one before, and the file lasts them all.
 */
public final class OggIndexReader implements MediaIndexReader {

	/** How many pages may start streams before the first one we understand. */
	static final int MAX_BEGIN_OF_STREAM_PAGES = 16;

	/** First tail read: one maximal page fits. */
	static final int INITIAL_TAIL_BYTES = 64 * 1024;

	/** The tail grows by this factor while no final page is found. */
	static final int TAIL_GROWTH = 4;

	/** Largest tail read, so a file without a final page costs at most this much reading. */
	static final int MAX_TAIL_BYTES = 1024 * 1024;

	/** Media time between timeline points at least. */
	static final long TIMELINE_SPACING_US = 500_000;

	/** Timeline points kept at most: past this they are thinned evenly. */
	static final int MAX_TIMELINE_POINTS = 4096;

	/** Pages walked at most for the timeline (about 800 MB of Vorbis's usual 4 KB pages). */
	static final int MAX_TIMELINE_PAGES = 200_000;

	/** A stream within this of the longest is long enough to time the file, so audio is preferred. */
	static final long PRIMARY_TOLERANCE_US = 1_000_000;

	/** Pages read at most after the headers to find the stream's first two pages of media. */
	static final int MAX_ORIGIN_PAGES = 32;

	/** Create a reader; it is stateless. */
	public OggIndexReader() {
	}

	@Override
	public MediaIndex read(MediaSource source, IndexBudget budget) throws MediaFormatException, IOException {
		long size = source.size();
		List<StreamStart> streams = new ArrayList<>();
		for (StreamStart stream : findStreams(source)) {
			streams.add(withOrigin(source, stream));
		}
		long[] durationsUs = findDurationsUs(source, streams);
		int primary = primary(streams, durationsUs);
		StreamStart start = streams.get(primary);
		long durationUs = Arrays.stream(durationsUs).max().orElse(0);
		Walk walk = walk(source, start, durationsUs[primary]);
		if (walk.links() > 1 && walk.complete()) {
			// Chained: the tail's granules count from its own link's start.
			durationUs = walk.endUs();
		}
		if (durationUs > 0) {
			budget.reserve(walk.timeline().retainedBytes(), "bytes of Ogg timeline points");
			return ProbeReads.index("ogg", size, durationUs, 0, walk.timeline().build(size, durationUs));
		}
		if (start.header().nominalBitrate() > 0) {
			return ProbeReads.index("ogg", size, 0, start.header().nominalBitrate());
		}
		throw ProbeReads.noBitrate("No final granule position for Ogg stream " + start.serialNumber()
				+ " in the last " + MAX_TAIL_BYTES + " bytes and no nominal bitrate");
	}

	/**
	 * Return which stream times the file with its pages: the first audio stream that lasts within
	 * {@link #PRIMARY_TOLERANCE_US} of the longest, else the longest stream (Theora that outlasts its
	 * Vorbis), else, when no duration is known, the first audio stream.
	 */
	private static int primary(List<StreamStart> streams, long[] durationsUs) {
		int longest = 0;
		for (int i = 0; i < streams.size(); i++) {
			if (durationsUs[i] > durationsUs[longest]) {
				longest = i;
			}
		}
		long longestUs = durationsUs[longest];
		for (int i = 0; i < streams.size(); i++) {
			if (streams.get(i).isAudio() && (longestUs == 0 || durationsUs[i] >= longestUs - PRIMARY_TOLERANCE_US)) {
				return i;
			}
		}
		return longest;
	}

	/** The Vorbis, Opus, FLAC and Theora streams among the first streams, in their order; at least one. */
	private List<StreamStart> findStreams(MediaSource source) throws MediaFormatException, IOException {
		List<StreamStart> streams = new ArrayList<>();
		long position = 0;
		for (int i = 0; i < MAX_BEGIN_OF_STREAM_PAGES; i++) {
			byte[] head = source.read(position, OggPage.MAX_HEADER_SIZE);
			OggPage page = OggPage.parse(head, 0);
			if (page == null) {
				if (!streams.isEmpty()) {
					break;
				}
				if (head.length < OggPage.MAX_HEADER_SIZE && position + head.length == source.size()) {
					throw ProbeReads.truncated("an Ogg page header", position);
				}
				throw ProbeReads.malformed("No Ogg page (OggS, version 0) at offset " + position);
			}
			if (!page.beginsStream()) {
				break;
			}
			long bodyPosition = position + page.headerSizeBytes();
			byte[] packet = ProbeReads
				.readFully(source, bodyPosition, page.firstPacketSizeBytes(), "an Ogg identification header")
				.data();
			OggCodecHeader header = OggCodecHeader.parse(packet);
			if (header != null) {
				streams.add(new StreamStart(page.serialNumber(), header, position + page.sizeBytes()));
			}
			position += page.sizeBytes();
		}
		if (streams.isEmpty()) {
			throw ProbeReads.noBitrate("No Vorbis, Opus, FLAC or Theora stream among the Ogg file's first streams");
		}
		return streams;
	}

	/**
	 * Find where a stream's granule positions start. A recording of a live stream (an Icecast dump, or
	 * ffmpeg's {@code -output_ts_offset}) goes on with the broadcast's granules: its first page of media
	 * may end at granule 100 s. Its media starts where that page's samples begin: the page's granule less
	 * its samples, which only a decoder counts exactly, so they are estimated from the next page (its
	 * granule step, or its samples per byte, whichever is more). A first granule within twice that estimate
	 * is a stream that starts at 0 (a quiet first page has few bytes, a short one few samples), so files
	 * that start at 0 keep the times they always had. Reads the next {@link #MAX_ORIGIN_PAGES} page headers
	 * at most.
	 */
	private static StreamStart withOrigin(MediaSource source, StreamStart start) throws IOException {
		long size = source.size();
		long position = start.headersEndBytes();
		OggPage first = null;
		for (int pages = 0; pages < MAX_ORIGIN_PAGES && position + OggPage.FIXED_HEADER_SIZE <= size; pages++) {
			OggPage page = OggPage.parse(source.read(position, OggPage.MAX_HEADER_SIZE), 0);
			if (page == null || page.beginsStream() && first != null) {
				break;
			}
			position += page.sizeBytes();
			if (page.serialNumber() != start.serialNumber() || start.header().units(page.granulePosition()) <= 0) {
				continue; // another stream, a header page (granule 0), or no packet ends here
			}
			if (first == null) {
				first = page;
				continue;
			}
			long firstUnits = start.header().units(first.granulePosition());
			long step = start.header().units(page.granulePosition()) - firstUnits;
			if (step <= 0 || page.bodySizeBytes() == 0) {
				break;
			}
			double perByte = (double) step / page.bodySizeBytes();
			long firstSamples = Math.max(step, (long) Math.min(Long.MAX_VALUE / 4, perByte * first.bodySizeBytes()));
			if (firstUnits / 2 > firstSamples) {
				return new StreamStart(start.serialNumber(), start.header().withOriginUnits(firstUnits - firstSamples),
						start.headersEndBytes());
			}
			break;
		}
		return start;
	}

	/**
	 * Return each stream's duration from its last page in a tail of the file, 0 for a stream whose last page
	 * is not there. The tail grows until it holds one stream's (a stream that ends long before the file,
	 * as Vorbis shorter than its Theora, does not make the whole tail be read).
	 */
	private long[] findDurationsUs(MediaSource source, List<StreamStart> streams) throws IOException {
		long[] durationsUs = new long[streams.size()];
		long headersEnd = streams.stream().mapToLong(StreamStart::headersEndBytes).min().orElse(source.size());
		long searchable = source.size() - headersEnd;
		int tailBytes = INITIAL_TAIL_BYTES;
		while (true) {
			int length = (int) Math.min(searchable, tailBytes);
			if (length <= 0) {
				return durationsUs;
			}
			long tailStart = source.size() - length;
			byte[] tail = source.read(tailStart, length);
			boolean found = false;
			OggPage[] lastPages = lastPagesOf(tail, streams);
			for (int i = 0; i < streams.size(); i++) {
				StreamStart stream = streams.get(i);
				OggPage last = lastPages[i];
				if (last != null && tailStart + last.offsetBytes() >= stream.headersEndBytes()) {
					durationsUs[i] = stream.header().durationUs(last.granulePosition());
					found = true;
				}
			}
			if (found || length == searchable || tailBytes >= MAX_TAIL_BYTES) {
				return durationsUs;
			}
			tailBytes = Math.min(MAX_TAIL_BYTES, tailBytes * TAIL_GROWTH);
		}
	}

	/**
	 * Walk the pages by their sizes (one read of a page header each) and note a point every
	 * {@link #TIMELINE_SPACING_US} of media: the bytes up to the end of a page complete the media up to its
	 * granule position. A page that begins a stream after media has been seen starts a new chained link, if
	 * it is a codec this reader knows, whose times follow the last one's. A page that cannot be parsed ends the walk:
	 * the rest of the file is then a straight line to the end.
	 */
	private static Walk walk(MediaSource source, StreamStart start, long tailDurationUs) throws IOException {
		long size = source.size();
		long position = start.headersEndBytes();
		MediaTimeline.Builder timeline = MediaTimeline.builder(MAX_TIMELINE_POINTS);
		timeline.add(position, 0);
		long serial = start.serialNumber();
		OggCodecHeader header = start.header();
		long linkStartUs = 0;
		long linkEndUs = 0;
		boolean linkHasMedia = false;
		int links = 1;
		long lastPointUs = 0;
		boolean complete = false;
		for (int pages = 0; pages < MAX_TIMELINE_PAGES; pages++) {
			if (position + OggPage.FIXED_HEADER_SIZE > size) {
				complete = true;
				break;
			}
			OggPage page = OggPage.parse(source.read(position, OggPage.MAX_HEADER_SIZE), 0);
			if (page == null) {
				break;
			}
			long pageStart = position;
			position += page.sizeBytes();
			if (page.beginsStream() && linkHasMedia) {
				byte[] packet = source.read(pageStart + page.headerSizeBytes(), page.firstPacketSizeBytes());
				OggCodecHeader next = (packet.length == page.firstPacketSizeBytes()) ? OggCodecHeader.parse(packet) : null;
				if (next != null) {
					linkStartUs += linkEndUs;
					linkEndUs = 0;
					linkHasMedia = false;
					serial = page.serialNumber();
					header = next;
					links++;
				}
				continue;
			}
			if (page.serialNumber() == serial && page.hasGranule()) {
				long linkUs = header.durationUs(page.granulePosition());
				linkHasMedia = true;
				linkEndUs = Math.max(linkEndUs, linkUs);
				long timeUs = linkStartUs + linkUs;
				// Past a single link's final granule, a page's is damaged; a chain's last link ends before it.
				boolean withinDuration = links > 1 || tailDurationUs <= 0 || timeUs <= tailDurationUs;
				if (withinDuration && timeUs >= lastPointUs + TIMELINE_SPACING_US) {
					timeline.add(Math.min(position, size), timeUs);
					lastPointUs = timeUs;
				}
			}
		}
		return new Walk(timeline, links, complete, linkStartUs + linkEndUs);
	}

	/**
	 * What the walk found.
	 *
	 * @param timeline the timeline's points, to be built to the duration
	 * @param links how many chained links (1 for a file that is not chained)
	 * @param complete whether it reached the end of the file
	 * @param endUs the media time at the last page it read
	 */
	private record Walk(MediaTimeline.Builder timeline, int links, boolean complete, long endUs) {

	}

	/**
	 * Find each stream's last intact page that carries a granule position, {@code null} for a stream
	 * without one. The CRC check rejects {@code OggS} bytes that happen to occur inside packet data and
	 * pages cut by a truncated file.
	 */
	private static @Nullable OggPage[] lastPagesOf(byte[] tail, List<StreamStart> streams) {
		OggPage[] last = new OggPage[streams.size()];
		int missing = last.length;
		// One pass for all streams, so each candidate page's CRC is computed once whatever their number.
		for (int offset = tail.length - OggPage.FIXED_HEADER_SIZE; offset >= 0 && missing > 0; offset--) {
			if (tail[offset] != 'O' || tail[offset + 1] != 'g' || tail[offset + 2] != 'g' || tail[offset + 3] != 'S') {
				continue;
			}
			OggPage page = OggPage.parse(tail, offset);
			if (page == null || !page.hasGranule()) {
				continue;
			}
			boolean checked = false;
			boolean intact = false;
			for (int i = 0; i < last.length; i++) {
				if (last[i] != null || streams.get(i).serialNumber() != page.serialNumber()) {
					continue;
				}
				if (!checked) {
					intact = page.isIntactIn(tail);
					checked = true;
				}
				if (intact) {
					last[i] = page;
					missing--;
				}
			}
		}
		return last;
	}

	/**
	 * The stream chosen for timing.
	 *
	 * @param serialNumber its serial number
	 * @param header its identification header
	 * @param headersEndBytes the file offset after its first page, where the tail search must stop
	 */
	private record StreamStart(long serialNumber, OggCodecHeader header, long headersEndBytes) {

		boolean isAudio() {
			return this.header.codec() != OggCodecHeader.Codec.THEORA;
		}

	}

}

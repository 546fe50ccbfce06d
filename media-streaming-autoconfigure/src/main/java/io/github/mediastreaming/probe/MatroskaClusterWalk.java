package io.github.mediastreaming.probe;

import java.io.IOException;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaTimeline;
import org.jspecify.annotations.Nullable;

/**
 * The Clusters of a Matroska Segment walked by their sizes for the timeline, and, within a read budget,
 * their blocks' headers: a point before a block every {@link #POINT_SPACING_US} or so of each track, at
 * the earliest time among the tracks' next blocks ({@link PendingPoints}). Clusters are up to 5 s long with ffmpeg's
 * defaults and key frames (the Cues) up to 10 s apart, and a straight line over a scene change that long
 * runs seconds ahead of the packets; the blocks follow them. Tracks are not tightly interleaved either
 * (ffmpeg puts H.264 frames a second behind the audio beside them), which is why a point waits for the
 * next block of every track rather than taking the latest time seen.
 *
 * <p>Block headers are read in windows ({@link #LOCAL_WINDOW_BYTES} of a local file, one page; larger
 * windows of a remote store, fewer requests), at most {@link #MAX_BLOCK_WALK_BYTES} in all: past that,
 * each remaining Cluster gets one point, its start at its Timestamp (after a CRC-32 element if there is
 * one: ffmpeg writes one first in every Cluster of a {@code .mkv}), for one small read. A Cluster of
 * unknown size (a browser's {@code MediaRecorder} writes them) ends where the Segment's next element starts,
 * which only a walk of its children finds: past the budget such a Cluster ends the walk. Not thread-safe;
 * one per index read.
 */
final class MatroskaClusterWalk {

	/** SimpleBlock, inside a Cluster. */
	static final long ID_SIMPLE_BLOCK = 0xA3;

	/** BlockGroup, inside a Cluster. */
	static final long ID_BLOCK_GROUP = 0xA0;

	/** Block, inside a BlockGroup (its first child as muxers write it). */
	static final long ID_BLOCK = 0xA1;

	/** Timestamp, a Cluster's first child (after a CRC-32, if any). */
	static final long ID_CLUSTER_TIMESTAMP = 0xE7;

	/** CRC-32, the first child of a Level 1 element when present. */
	static final long ID_CRC32 = 0xBF;

	/** Clusters walked at most. */
	static final int MAX_CLUSTERS = 16_384;

	/** Each read of a local file's block headers: one page. */
	static final int LOCAL_WINDOW_BYTES = 4096;

	/** Each read of a remote store's block headers (a ranged request): fewer, larger ones. */
	static final int REMOTE_WINDOW_BYTES = 2 * 1024 * 1024;

	/**
	 * Bytes read for block headers at most: 16,384 local windows, tens of milliseconds of page-cache reads,
	 * enough for the first minutes of a 25 fps film with its audio (a window for most video frames), where
	 * a viewer who stops early stops.
	 */
	static final long MAX_BLOCK_WALK_BYTES = 64L * 1024 * 1024;

	/** Elements inside Clusters visited at most, so tiny hostile blocks cannot spin the walk. */
	static final int MAX_BLOCK_ELEMENTS = 4_000_000;

	/** Media time between the points a track's blocks open, at least. */
	static final long POINT_SPACING_US = 250_000;

	/**
	 * The largest ID of a Cluster's children (SilentTracks, 0x5854, has two bytes): the Segment's elements
	 * have IDs of four bytes, so one of those ends a Cluster of unknown size.
	 */
	static final long MAX_CLUSTER_CHILD_ID = 0xFFFFFF;

	/** Bytes of a CRC-32 element: ID, size and its four bytes. */
	private static final int CRC32_ELEMENT_BYTES = 6;

	private static final int CLUSTER_HEAD_BYTES = Ebml.MAX_HEADER_LENGTH + CRC32_ELEMENT_BYTES + 2 + Long.BYTES;

	/** A block's header: ID and size, a Block's ID and size in a group, track number, timestamp. */
	private static final int BLOCK_HEAD_BYTES = 2 * Ebml.MAX_HEADER_LENGTH + Ebml.MAX_SIZE_LENGTH + 2;

	private final MediaSource source;

	private final long end;

	private final long scaleNs;

	private final int windowBytes;

	private byte[] window = new byte[0];

	private long windowStart;

	private long walkedBytes;

	private int blockElements;

	private long completedUs;

	/** Blocks read in the Cluster walked last. */
	private int clusterBlocks;

	/**
	 * Create a walk of one file.
	 * @param source the file
	 * @param end where the Segment ends (or the file, if sooner)
	 * @param scaleNs nanoseconds per timestamp unit
	 */
	MatroskaClusterWalk(MediaSource source, long end, long scaleNs) {
		this.source = source;
		this.end = end;
		this.scaleNs = scaleNs;
		this.windowBytes = source.readsAreCheap() ? LOCAL_WINDOW_BYTES : REMOTE_WINDOW_BYTES;
	}

	/**
	 * Walk the Clusters from the first to the end, adding their points.
	 * @param first where the first Cluster starts
	 * @param points where the points go
	 * @return whether the walk reached the end (a damaged Cluster, one of unknown size past the read budget,
	 * or too many, end it short)
	 * @throws IOException if reading fails
	 */
	boolean walk(long first, MediaTimeline.Builder points) throws IOException {
		PendingPoints pending = new PendingPoints(points, POINT_SPACING_US);
		try {
			return walkClusters(first, points, pending);
		}
		finally {
			pending.flush();
		}
	}

	private boolean walkClusters(long first, MediaTimeline.Builder points, PendingPoints pending) throws IOException {
		long position = first;
		int clusters = 0;
		while (position < this.end) {
			if (clusters++ == MAX_CLUSTERS) {
				return false;
			}
			ByteCursor cursor = windowAt(position, CLUSTER_HEAD_BYTES);
			if (cursor == null) {
				cursor = new ByteCursor(this.source.read(position, CLUSTER_HEAD_BYTES));
			}
			try {
				int start = cursor.position();
				long id = Ebml.readId(cursor);
				long size = Ebml.readSize(cursor);
				int headerLength = cursor.position() - start;
				boolean sized = size != Ebml.UNKNOWN_SIZE;
				if (!sized && id != MatroskaIndexReader.ID_CLUSTER) {
					return false;
				}
				long childId = (id == MatroskaIndexReader.ID_CLUSTER && cursor.remaining() > 0) ? Ebml.readId(cursor) : -1;
				if (childId == ID_CRC32) {
					cursor.skip(MatroskaIndexReader.childSize(cursor, Ebml.readSize(cursor)));
					childId = (cursor.remaining() > 0) ? Ebml.readId(cursor) : -1;
				}
				long data = position + headerLength;
				long timestamp = -1;
				if (childId == ID_CLUSTER_TIMESTAMP) {
					int timestampSize = MatroskaIndexReader.childSize(cursor, Ebml.readSize(cursor));
					timestamp = Ebml.readUnsigned(cursor, timestampSize);
				}
				long next;
				if (sized) {
					next = (size > Long.MAX_VALUE - data) ? Long.MAX_VALUE : data + size;
					if (timestamp >= 0) {
						walkBlocks(data, Math.min(next, this.end), timestamp, pending, false);
					}
				}
				else {
					// Written live (a browser's MediaRecorder): the Cluster ends where the Segment's next element
					// starts, found by walking its children, which the read budget must reach.
					next = walkBlocks(data, this.end, timestamp, pending, true);
					if (next < 0) {
						return false;
					}
				}
				if (timestamp >= 0 && this.clusterBlocks == 0) {
					pending.flush();
					long timeUs = microseconds(timestamp);
					points.add(position, timeUs);
					this.completedUs = Math.max(this.completedUs, timeUs);
				}
				position = next;
			}
			catch (MediaFormatException ex) {
				return false;
			}
		}
		return clusters > 0;
	}

	/**
	 * Return how far the media the walk saw goes: the latest timestamp of a complete block, or of a Cluster
	 * whose blocks were not read.
	 * @return microseconds
	 */
	long completedUs() {
		return this.completedUs;
	}

	/**
	 * Open points before a Cluster's blocks, while the budget lasts; a damaged block ends them. Counts the
	 * blocks read in {@link #clusterBlocks}.
	 * @param position where the Cluster's children start
	 * @param clusterEnd where the Cluster ends, or the Segment when its size is unknown
	 * @param clusterTimestamp the Cluster's Timestamp, -1 when it has none (its blocks cannot be timed)
	 * @param unsized whether the Cluster's size is unknown: then an element of the Segment's level (an ID of
	 * four bytes) ends it
	 * @return where the Cluster ends (for one of unknown size, where the Segment's next element starts), -1
	 * when the walk stopped before (the budget spent, a damaged child); a sized Cluster's caller knows its
	 * end and ignores this
	 */
	private long walkBlocks(long position, long clusterEnd, long clusterTimestamp, PendingPoints pending,
			boolean unsized) throws IOException {
		long fileSize = this.source.size();
		this.clusterBlocks = 0;
		while (position < clusterEnd && this.blockElements++ < MAX_BLOCK_ELEMENTS) {
			ByteCursor cursor = windowAt(position, BLOCK_HEAD_BYTES);
			if (cursor == null) {
				return -1;
			}
			try {
				int start = cursor.position();
				long id = Ebml.readId(cursor);
				if (unsized && id > MAX_CLUSTER_CHILD_ID) {
					return position;
				}
				long size = Ebml.readSize(cursor);
				if (size == Ebml.UNKNOWN_SIZE) {
					return -1;
				}
				long data = position + (cursor.position() - start);
				long next = (size > Long.MAX_VALUE - data) ? Long.MAX_VALUE : data + size;
				if (id == ID_BLOCK_GROUP && Ebml.readId(cursor) == ID_BLOCK) {
					Ebml.readSize(cursor);
					id = ID_SIMPLE_BLOCK;
				}
				if (id == ID_SIMPLE_BLOCK && next <= fileSize && clusterTimestamp >= 0) {
					long track = Ebml.readSize(cursor); // a size-like variable-length integer
					if (cursor.remaining() < Short.BYTES) {
						return -1; // the file ends inside the header
					}
					short relative = (short) cursor.u16(); // signed, from the Cluster's Timestamp
					long timeUs = microseconds(clusterTimestamp + relative);
					pending.block(position, track, timeUs);
					this.clusterBlocks++;
					this.completedUs = Math.max(this.completedUs, timeUs);
				}
				position = next;
			}
			catch (MediaFormatException ex) {
				return -1;
			}
		}
		// A Cluster of unknown size that runs to the end of the file ends it.
		return (position == clusterEnd) ? position : -1;
	}

	/**
	 * Return a cursor over at least {@code length} bytes at a position (fewer at the end of the file), from
	 * the current window when it holds them, else from a new window while the budget lasts.
	 * @return the cursor, {@code null} once the budget is spent
	 */
	private @Nullable ByteCursor windowAt(long position, int length) throws IOException {
		long offset = position - this.windowStart;
		boolean windowEndsTheFile = this.windowStart + this.window.length >= this.source.size();
		if (offset >= 0 && offset < this.window.length && (offset + length <= this.window.length || windowEndsTheFile)) {
			return new ByteCursor(this.window, (int) offset, this.window.length);
		}
		if (this.walkedBytes < MAX_BLOCK_WALK_BYTES) {
			this.window = this.source.read(position, Math.max(length, this.windowBytes));
			this.windowStart = position;
			this.walkedBytes += this.window.length;
			return new ByteCursor(this.window);
		}
		return null;
	}

	private long microseconds(long timestamp) {
		return MatroskaTimeline.microseconds(timestamp, this.scaleNs);
	}

}

package io.github.mediastreaming.fuzz;

import java.io.IOException;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.InvalidSeekException;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.MediaSeeker;
import io.github.mediastreaming.index.MediaTimeline;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.index.SeekUnit;
import io.github.mediastreaming.pacing.DocumentTimeline;
import io.github.mediastreaming.testsupport.MediaBodies;
import org.jspecify.annotations.Nullable;

/**
 * What every fuzz target does with its input: index the file, cut the index where the input chooses,
 * and check what came out against the contract for any bytes at all:
 * <ul>
 * <li>a reader returns an index or throws {@link MediaFormatException}; an {@link IOException} only when
 * the source really could not deliver what it claimed (a truncated source);</li>
 * <li>the index describes the source's size and holds no more than its budget (plus a small constant);
 * its timeline, if any, lies within the file and never goes back;</li>
 * <li>a seeker returns a body or throws {@link InvalidSeekException}; every file region of the body lies
 * within the file, its length is the sum of its parts, and a slice of it is the same bytes;</li>
 * <li>reading and cutting allocate a bounded amount, however large the counts the file declares (checked
 * when the input loaded no class: loading and instrumenting classes allocates in the loading thread).</li>
 * </ul>
 * Any other exception, an {@link OutOfMemoryError}, or a failed check is a finding. Hangs are caught by
 * the targets' timeout.
 */
final class CutHarness {

	/** What an index may hold beyond its budget: the records around the tables. */
	static final long RETAINED_SLACK_BYTES = 4096;

	/**
	 * Most bytes one input may make a reader and seeker allocate, transient garbage included: generous
	 * for files of the fuzzer's sizes, far below what a declared count of millions would allocate.
	 */
	static final long ALLOCATION_BOUND_BYTES = 48L * 1024 * 1024;

	/** Allocation allowed per byte of input, for the few reads that copy the whole file. */
	static final long ALLOCATION_PER_INPUT_BYTE = 64;

	/** Documents up to this size are built in memory to compare slices with. */
	private static final long MATERIALIZED_LIMIT_BYTES = 8L * 1024 * 1024;

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();

	private CutHarness() {
	}

	/**
	 * Index and cut one fuzz input, failing on any breach of the contract.
	 * @param reader the reader under test
	 * @param bytes the fuzzer's bytes, parsed as a {@link FuzzInput}
	 * @param documentCheck format checks of a cut's bytes
	 * @return the errors dependencies logged meanwhile (see {@link DependencyErrorLog})
	 * @throws Exception a finding
	 */
	static List<String> indexAndCut(MediaIndexReader reader, byte[] bytes, DocumentCheck documentCheck)
			throws Exception {
		FuzzInput input = FuzzInput.parse(bytes);
		MediaSource source = input.source();
		IndexBudget budget = input.budget();
		DependencyErrorLog.begin();
		List<String> errors;
		try {
			long classesBefore = CLASSES.getTotalLoadedClassCount();
			long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
			MediaIndex index = read(reader, input, source, budget);
			long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
			if (index != null) {
				check(index.sizeBytes() == source.size(),
						"index of " + index.sizeBytes() + " bytes for a source of " + source.size());
				check(index.bitrate() >= 0, "negative bitrate " + index.bitrate());
				check(index.retainedBytes() <= budget.maximumBytes() + RETAINED_SLACK_BYTES, "index retains "
						+ index.retainedBytes() + " bytes within a budget of " + budget.maximumBytes());
				MediaTimeline timeline = index.timeline();
				if (timeline != null) {
					checkTimeline(timeline, MediaBody.wholeFile(source.size()), source.size());
				}
				MediaSeeker seeker = index.seeker();
				if (seeker != null) {
					allocated += cutEverywhere(index, seeker, input, source, documentCheck);
				}
			}
			long bound = ALLOCATION_BOUND_BYTES + ALLOCATION_PER_INPUT_BYTE * bytes.length;
			check(allocated <= bound || CLASSES.getTotalLoadedClassCount() != classesBefore,
					"reading and cutting allocated " + allocated + " bytes, more than " + bound);
		}
		finally {
			errors = DependencyErrorLog.end(reader.getClass().getSimpleName(), bytes);
		}
		return errors;
	}

	private static @Nullable MediaIndex read(MediaIndexReader reader, FuzzInput input, MediaSource source,
			IndexBudget budget) throws IOException {
		try {
			return reader.read(source, budget);
		}
		catch (OutOfMemoryError ex) {
			// The allocation that failed never happened, so the JVM goes on: a finding, not a dead test fork.
			throw new AssertionError("out of memory: the reader allocated beyond any budget", ex);
		}
		catch (MediaFormatException ex) {
			check(ex.reason() != null, "format error without a reason");
			return null;
		}
		catch (IOException ex) {
			if (input.truncated()) {
				return null;
			}
			throw ex;
		}
	}

	/** Cut at each chosen position, then plan the progressive body; return the bytes allocated doing it. */
	private static long cutEverywhere(MediaIndex index, MediaSeeker seeker, FuzzInput input, MediaSource source,
			DocumentCheck documentCheck) throws IOException {
		long allocated = 0;
		for (FuzzInput.Cut cut : input.cuts()) {
			SeekRequest request = request(seeker.unit(), index, cut, input.exactStart());
			long before = THREADS.getCurrentThreadAllocatedBytes();
			MediaBody body = seek(seeker, request, input, source);
			allocated += THREADS.getCurrentThreadAllocatedBytes() - before;
			if (body != null) {
				checkBody(body, source, input, cut, (document) -> documentCheck.check(request, body, document));
			}
		}
		long before = THREADS.getCurrentThreadAllocatedBytes();
		MediaBody progressive = seeker.progressiveBody();
		allocated += THREADS.getCurrentThreadAllocatedBytes() - before;
		if (progressive != null) {
			checkBody(progressive, source, input, new FuzzInput.Cut(0, 0), (document) -> {
			});
		}
		return allocated;
	}

	private static @Nullable MediaBody seek(MediaSeeker seeker, SeekRequest request, FuzzInput input,
			MediaSource source) throws IOException {
		try {
			return seeker.seek(request, source);
		}
		catch (OutOfMemoryError ex) {
			throw new AssertionError("out of memory: the seeker allocated beyond any budget", ex);
		}
		catch (InvalidSeekException ex) {
			return null;
		}
		catch (IOException ex) {
			if (input.truncated()) {
				return null;
			}
			throw ex;
		}
	}

	/**
	 * Turn a cut's choices into a request as the HTTP layer can make one: a byte offset or a time in
	 * seconds, an end later than the start.
	 */
	static SeekRequest request(SeekUnit unit, MediaIndex index, FuzzInput.Cut cut, boolean exactStart) {
		double seconds = (index.durationUs() > 0) ? index.durationSeconds() : 10;
		double startSeconds = cut.startFraction() * seconds;
		if (unit == SeekUnit.BYTES) {
			// FLV: byte offsets, or a time when the span's lowest bit is set (the optional time parameter).
			return ((cut.span() & 1) == 0) ? new SeekRequest.ByteOffset((long) (cut.startFraction() * index.sizeBytes()))
					: new SeekRequest.TimeRange(startSeconds, null, false);
		}
		Double endSeconds = (cut.span() == 0) ? null : startSeconds + Math.max(1e-6, cut.spanFraction() * seconds);
		return new SeekRequest.TimeRange(startSeconds, endSeconds, exactStart);
	}

	/**
	 * A timeline lies within the file and never goes back, and the timeline the pacer derives for a body
	 * from it is as monotone.
	 */
	private static void checkTimeline(MediaTimeline timeline, MediaBody body, long fileSize) {
		check(timeline.durationUs() >= 0, "timeline of negative duration " + timeline.durationUs());
		check(timeline.offsetAt(timeline.durationUs()) <= fileSize, "timeline ends past the file");
		DocumentTimeline document = DocumentTimeline.of(body, timeline);
		long previousFileTime = -1;
		long previousDocumentTime = -1;
		for (int step = 0; step <= 16; step++) {
			long fileTime = timeline.timeUsAt(fileSize * step / 16);
			long documentTime = document.timeUsAt(body.length() * step / 16);
			check(fileTime >= previousFileTime && documentTime >= previousDocumentTime, "timeline goes back");
			previousFileTime = fileTime;
			previousDocumentTime = documentTime;
		}
	}

	private static void checkBody(MediaBody body, MediaSource source, FuzzInput input, FuzzInput.Cut cut,
			DocumentConsumer documentCheck) throws IOException {
		long fileSize = source.size();
		long sum = 0;
		for (BodyPart part : body.parts()) {
			check(part.length() > 0, "empty part " + part);
			if (part instanceof BodyPart.FileRegion region) {
				check(region.offset() >= 0 && region.length() >= 0 && region.offset() <= fileSize - region.length(),
						"part " + region + " outside the file of " + fileSize + " bytes");
			}
			sum = Math.addExact(sum, part.length());
		}
		long length = body.length();
		check(length == sum, "body length " + length + " but its parts add up to " + sum);
		check(length > 0, "empty body");
		long sliceStart = (long) (cut.start() / 65536.0 * length);
		long sliceLength = Math.min(length - sliceStart, (long) (cut.span() / 65536.0 * length) + 1);
		MediaBody slice = body.slice(sliceStart, sliceLength);
		check(slice.length() == sliceLength, "slice of " + sliceLength + " bytes is " + slice.length() + " long");
		if (input.truncated() || length > MATERIALIZED_LIMIT_BYTES) {
			return;
		}
		byte[] document = materialize(body, source);
		byte[] sliced = materialize(slice, source);
		check(Arrays.equals(sliced, Arrays.copyOfRange(document, (int) sliceStart, (int) (sliceStart + sliceLength))),
				"slice " + sliceStart + "+" + sliceLength + " differs from the document's bytes");
		documentCheck.check(document);
	}

	private static byte[] materialize(MediaBody body, MediaSource source) throws IOException {
		byte[] document = new byte[(int) body.length()];
		int at = 0;
		for (BodyPart part : body.parts()) {
			byte[] bytes;
			if (part instanceof BodyPart.Bytes inMemory) {
				bytes = inMemory.content();
			}
			else if (part instanceof BodyPart.Generated generated) {
				bytes = MediaBodies.generated(generated);
			}
			else {
				bytes = source.readFully(((BodyPart.FileRegion) part).offset(), (int) part.length()).data();
			}
			System.arraycopy(bytes, 0, document, at, bytes.length);
			at += bytes.length;
		}
		return document;
	}

	static void check(boolean condition, String finding) {
		if (!condition) {
			throw new AssertionError(finding);
		}
	}

	/** Format checks of a cut's bytes: that it starts as a file of its format should. */
	@FunctionalInterface
	interface DocumentCheck {

		/** No format check. */
		DocumentCheck NONE = (request, body, document) -> {
		};

		/**
		 * Check a cut's bytes.
		 * @param request the seek that made it
		 * @param body its plan
		 * @param document its bytes
		 */
		void check(SeekRequest request, MediaBody body, byte[] document);

	}

	@FunctionalInterface
	private interface DocumentConsumer {

		void check(byte[] document);

	}

}

package io.github.mediastreaming.stream;

import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of every stream of one format, added to as the streams send and wait (not when they
 * end), so counters read from them move while a two-hour film is still going out.
 */
final class FormatTotals {

	final LongAdder bytesSent = new LongAdder();

	final LongAdder pacerWaitNanos = new LongAdder();

	final LongAdder clientWaitNanos = new LongAdder();

}

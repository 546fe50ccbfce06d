package io.github.mediastreaming.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Load client of the paced-streams benchmark (not a test): opens N concurrent GETs of one paced file
 * over a ramp, lets them settle, then measures each stream's received body bytes over a window against
 * the bytes its schedule made due in that window. Run it through {@code benchmarks/paced-streams.sh},
 * which starts the servers.
 *
 * <p>It is built to cost the shared CPU as little as possible, so that the server's CPU is what a run
 * measures: one thread, one selector, one reusable direct buffer, raw HTTP/1.1, no per-read allocation.
 * It needs nothing but the JDK and treats every server alike (status line, headers, body bytes).
 *
 * <p>A stream's schedule, as nginx's {@code limit_rate_after B; limit_rate L;} and our boost and limit
 * define it: {@code due(t) = min(fileBytes, boost + limit x t)}, t counted from the request. A stream is
 * within 10 % of its due bytes when {@code received since the request / due(window end)} is within 10 %
 * of 1 (under it, a player would have stalled; over it, the server sends more than asked). Its rate
 * over the window, {@code received in the window / (due(end) - due(start))}, is reported too: it shows
 * how evenly bytes arrive (a server that sends a second's budget at once reads high or low in a short
 * window).
 *
 * <p>Prints {@code window-start} and {@code window-end} lines at the window's edges (the script reads
 * the servers' CPU there), a human summary, and one {@code RESULT key=value...} line.
 *
 * <p>Options: {@code --port --path --streams --ramp --settle --window} (seconds) {@code --boost --limit}
 * (bytes, bytes/s) {@code --file-bytes} (body size, caps the schedule) {@code [--host=127.0.0.1]
 * [--label]}. With {@code --window=0} it only warms the server: ramp, settle, close.
 */
public final class PacedStreamsClient {

	private static final int NOT_READY = 0;

	private PacedStreamsClient() {
	}

	public static void main(String[] args) throws IOException {
		Map<String, String> options = Options.parse(args);
		String label = options.getOrDefault("label", "client");
		InetSocketAddress address = new InetSocketAddress(options.getOrDefault("host", "127.0.0.1"),
				Integer.parseInt(Options.required(options, "port")));
		String path = Options.required(options, "path");
		int count = Integer.parseInt(Options.required(options, "streams"));
		double ramp = Double.parseDouble(Options.required(options, "ramp"));
		double settle = Double.parseDouble(Options.required(options, "settle"));
		double window = Double.parseDouble(Options.required(options, "window"));
		Schedule schedule = new Schedule(Long.parseLong(Options.required(options, "boost")),
				Double.parseDouble(Options.required(options, "limit")),
				Long.parseLong(Options.required(options, "file-bytes")));
		byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
				+ "\r\nUser-Agent: paced-streams-client\r\nAccept: */*\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);

		Stream[] streams = new Stream[count];
		Map<String, Integer> errors = new TreeMap<>();
		ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
		ByteBuffer requestBuffer = ByteBuffer.allocateDirect(request.length).put(request);
		long begin = System.nanoTime();
		long windowStart = begin + seconds(ramp + settle);
		long windowEnd = windowStart + seconds(window);
		boolean inWindow = false;
		long cpuAtWindowStart = 0;
		long clientCpuNanos = 0;
		int opened = 0;
		try (Selector selector = Selector.open()) {
			while (true) {
				long now = System.nanoTime();
				while (opened < count && now >= begin + (long) (seconds(ramp) * ((double) opened / count))) {
					streams[opened] = open(selector, address, requestBuffer, errors);
					opened++;
				}
				if (!inWindow && now >= windowStart) {
					if (window == 0) {
						break;
					}
					for (Stream stream : streams) {
						stream.markWindowStart(now);
					}
					System.out.println("window-start");
					System.out.flush();
					cpuAtWindowStart = processCpuNanos();
					inWindow = true;
				}
				if (inWindow && now >= windowEnd) {
					for (Stream stream : streams) {
						stream.markWindowEnd(now);
					}
					System.out.println("window-end");
					System.out.flush();
					clientCpuNanos = processCpuNanos() - cpuAtWindowStart;
					// Hold the connections a little while the script reads the servers' CPU at the mark, so
					// that closing them is not counted in the window.
					sleep(1000);
					break;
				}
				long next = inWindow ? windowEnd : windowStart;
				if (opened < count) {
					next = Math.min(next, begin + (long) (seconds(ramp) * ((double) opened / count)));
				}
				long waitMillis = Math.max(1, (next - now) / 1_000_000);
				selector.select(waitMillis);
				Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
				while (keys.hasNext()) {
					SelectionKey key = keys.next();
					keys.remove();
					Stream stream = (Stream) key.attachment();
					try {
						if (key.isConnectable()) {
							stream.channel.finishConnect();
							stream.sendRequest(requestBuffer, System.nanoTime());
							key.interestOps(SelectionKey.OP_READ);
						}
						else if (key.isReadable()) {
							stream.read(buffer, errors);
						}
					}
					catch (IOException ex) {
						stream.fail(errors, ex.getClass().getSimpleName() + ": " + ex.getMessage());
					}
				}
			}
			for (Stream stream : streams) {
				if (stream != null) {
					stream.abort();
				}
			}
		}
		if (window > 0) {
			report(label, streams, schedule, window, errors, clientCpuNanos / 1e9);
		}
		else {
			System.out.printf(Locale.ROOT, "[%s] warm-up pass: %d streams over %.0f s, then %.0f s; errors %s%n", label,
					count, ramp, settle, errors);
		}
	}

	private static Stream open(Selector selector, InetSocketAddress address, ByteBuffer request,
			Map<String, Integer> errors) {
		Stream stream = new Stream();
		try {
			SocketChannel channel = SocketChannel.open();
			stream.channel = channel;
			channel.configureBlocking(false);
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			// Closing with a reset leaves no TIME_WAIT behind: passes of 10,000 streams follow each other.
			channel.setOption(StandardSocketOptions.SO_LINGER, 0);
			if (channel.connect(address)) {
				stream.sendRequest(request, System.nanoTime());
				channel.register(selector, SelectionKey.OP_READ, stream);
			}
			else {
				channel.register(selector, SelectionKey.OP_CONNECT, stream);
			}
		}
		catch (IOException ex) {
			stream.fail(errors, "connect: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		return stream;
	}

	private static void report(String label, Stream[] streams, Schedule schedule, double window,
			Map<String, Integer> errors, double clientCpuSeconds) {
		double[] ratios = new double[streams.length];
		double[] cumulative = new double[streams.length];
		int measured = 0;
		long received = 0;
		for (Stream stream : streams) {
			if (stream.ended && stream.body < schedule.fileBytes()) {
				count(errors, "closed by the server before the end of the body");
				continue;
			}
			if (stream.failed || stream.state == NOT_READY || stream.windowStartNanos == 0) {
				if (!stream.failed) {
					count(errors, "no response headers before the window");
				}
				continue;
			}
			double due = schedule.due(stream.windowEndNanos - stream.requestNanos)
					- schedule.due(stream.windowStartNanos - stream.requestNanos);
			long got = stream.bodyAtWindowEnd - stream.bodyAtWindowStart;
			received += got;
			if (due <= 0) {
				count(errors, "file finished before the window (make it longer)");
				continue;
			}
			ratios[measured] = got / due;
			cumulative[measured] = stream.bodyAtWindowEnd / schedule.due(stream.windowEndNanos - stream.requestNanos);
			measured++;
		}
		ratios = Arrays.copyOf(ratios, measured);
		cumulative = Arrays.copyOf(cumulative, measured);
		Arrays.sort(ratios);
		Arrays.sort(cumulative);
		long within = Arrays.stream(cumulative).filter((r) -> Math.abs(r - 1) <= 0.10).count();
		long behind = Arrays.stream(cumulative).filter((r) -> r < 0.90).count();
		long rateWithin = Arrays.stream(ratios).filter((r) -> Math.abs(r - 1) <= 0.10).count();
		int errorCount = errors.values().stream().mapToInt(Integer::intValue).sum();
		System.out.printf(Locale.ROOT, "[%s] %d streams, %d measured over a %.1f s window, errors %d %s%n", label,
				streams.length, measured, window, errorCount, errors.isEmpty() ? "" : errors.toString());
		if (measured > 0) {
			System.out.printf(Locale.ROOT,
					"[%s] received/due since each request, at the window's end: min %.3f, median %.3f, max %.3f;"
							+ " within 10%%: %d of %d; behind by over 10%%: %d%n",
					label, at(cumulative, 0), at(cumulative, 0.5), at(cumulative, 1), within, streams.length, behind);
			System.out.printf(Locale.ROOT,
					"[%s] rate over the window (received/due in it): min %.3f, p1 %.3f, median %.3f, p99 %.3f, max %.3f;"
							+ " within 10%%: %d of %d%n",
					label, at(ratios, 0), at(ratios, 0.01), at(ratios, 0.5), at(ratios, 0.99), at(ratios, 1), rateWithin,
					streams.length);
		}
		System.out.printf(Locale.ROOT, "[%s] %.1f MB received in the window (%.2f MB/s); client CPU %.2f s%n", label,
				received / 1e6, received / 1e6 / window, clientCpuSeconds);
		System.out.printf(Locale.ROOT,
				"RESULT label=%s streams=%d measured=%d within=%d behind=%d errors=%d min=%.3f median=%.3f max=%.3f"
						+ " rate_within=%d rate_min=%.3f rate_median=%.3f rate_max=%.3f client_cpu=%.2f%n",
				label, streams.length, measured, within, behind, errorCount, at(cumulative, 0), at(cumulative, 0.5),
				at(cumulative, 1), rateWithin, at(ratios, 0), at(ratios, 0.5), at(ratios, 1), clientCpuSeconds);
	}

	/** The value at a quantile of sorted values (0 when there are none). */
	private static double at(double[] sorted, double quantile) {
		return (sorted.length == 0) ? 0 : sorted[(int) Math.round(quantile * (sorted.length - 1))];
	}

	/** CPU time of this client's whole process (every thread, the JIT and GC included). */
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static long seconds(double seconds) {
		return (long) (seconds * 1e9);
	}

	static void count(Map<String, Integer> errors, String kind) {
		errors.merge(kind, 1, Integer::sum);
	}

	/** Bytes due after a time, as both servers pace: a boost at once, then a limit, capped by the file. */
	private record Schedule(long boostBytes, double limitBytesPerSecond, long fileBytes) {

		double due(long elapsedNanos) {
			return Math.min(this.fileBytes, this.boostBytes + this.limitBytesPerSecond * elapsedNanos / 1e9);
		}

	}

	/** One connection: reads its response headers, then counts its body bytes. */
	private static final class Stream {

		private static final int HEADERS = 1;

		private static final int BODY = 2;

		SocketChannel channel;

		int state = NOT_READY;

		boolean failed;

		boolean ended;

		long requestNanos;

		/** How many bytes of "\r\n\r\n" the headers read so far end with. */
		private int headerEndMatched;

		private final byte[] statusLine = new byte[12];

		private int statusLineLength;

		long body;

		long windowStartNanos;

		long bodyAtWindowStart;

		long windowEndNanos;

		long bodyAtWindowEnd;

		void sendRequest(ByteBuffer request, long now) throws IOException {
			ByteBuffer copy = request.duplicate().flip();
			this.channel.write(copy);
			if (copy.hasRemaining()) {
				throw new IOException("request not written at once");
			}
			this.requestNanos = now;
			this.state = HEADERS;
		}

		void read(ByteBuffer buffer, Map<String, Integer> errors) throws IOException {
			buffer.clear();
			int read = this.channel.read(buffer);
			if (read < 0) {
				if (this.state == BODY) {
					// Whether the body was complete is judged against the file size in the report.
					this.ended = true;
					abort();
				}
				else {
					fail(errors, "closed by the server before the response headers");
				}
				return;
			}
			int bodyStart = 0;
			if (this.state == HEADERS) {
				bodyStart = read;
				for (int i = 0; i < read; i++) {
					byte b = buffer.get(i);
					if (this.statusLineLength < this.statusLine.length) {
						this.statusLine[this.statusLineLength++] = b;
					}
					boolean expectCr = (this.headerEndMatched % 2) == 0;
					this.headerEndMatched = (b == (expectCr ? '\r' : '\n')) ? this.headerEndMatched + 1 : ((b == '\r') ? 1 : 0);
					if (this.headerEndMatched == 4) {
						bodyStart = i + 1;
						String status = new String(this.statusLine, 0, this.statusLineLength, StandardCharsets.US_ASCII);
						if (!status.matches("HTTP/1\\.[01] 200")) {
							fail(errors, "status " + status);
							return;
						}
						this.state = BODY;
						break;
					}
				}
			}
			this.body += read - bodyStart;
		}

		void markWindowStart(long now) {
			if (!this.failed && this.state == BODY) {
				this.windowStartNanos = now;
				this.bodyAtWindowStart = this.body;
			}
		}

		void markWindowEnd(long now) {
			this.windowEndNanos = now;
			this.bodyAtWindowEnd = this.body;
		}

		void fail(Map<String, Integer> errors, String kind) {
			if (!this.failed) {
				this.failed = true;
				count(errors, kind);
			}
			abort();
		}

		void abort() {
			if (this.channel != null) {
				try {
					this.channel.close();
				}
				catch (IOException ex) {
					// Closing a socket that already failed: nothing left to do.
				}
			}
		}

	}

}

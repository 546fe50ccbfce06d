package io.github.mediastreaming.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load client of the unpaced download benchmark (not a test): C threads, each downloading one file D
 * times over its own connection (one GET per connection), reading into a reusable direct buffer and
 * dropping the bytes. Checks the status (200) and that each body has the announced
 * {@code Content-Length}. Run it through {@code benchmarks/download.sh}.
 *
 * <p>Prints a human summary and one {@code RESULT key=value...} line: the aggregate throughput is all
 * body bytes over the time from the first request to the last byte.
 *
 * <p>Options: {@code --port --path --clients --downloads [--host=127.0.0.1] [--label]}.
 */
public final class DownloadClient {

	private DownloadClient() {
	}

	public static void main(String[] args) throws InterruptedException {
		Map<String, String> options = Options.parse(args);
		String label = options.getOrDefault("label", "client");
		InetSocketAddress address = new InetSocketAddress(options.getOrDefault("host", "127.0.0.1"),
				Integer.parseInt(Options.required(options, "port")));
		String path = Options.required(options, "path");
		int clients = Integer.parseInt(Options.required(options, "clients"));
		int downloads = Integer.parseInt(Options.required(options, "downloads"));
		byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
				+ "\r\nUser-Agent: download-client\r\nAccept: */*\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		AtomicLong bytes = new AtomicLong();
		List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
		List<Thread> threads = new ArrayList<>();
		long[] clientNanos = new long[clients];
		long begin = System.nanoTime();
		for (int i = 0; i < clients; i++) {
			int index = i;
			Thread thread = new Thread(() -> {
				ByteBuffer buffer = ByteBuffer.allocateDirect(1024 * 1024);
				long start = System.nanoTime();
				for (int d = 0; d < downloads; d++) {
					try {
						bytes.addAndGet(download(address, request, buffer));
					}
					catch (IOException ex) {
						errors.add(ex.getMessage());
					}
				}
				clientNanos[index] = System.nanoTime() - start;
			}, "download-" + i);
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		double seconds = (System.nanoTime() - begin) / 1e9;
		double mbPerSecond = bytes.get() / 1e6 / seconds;
		System.out.printf(Locale.ROOT, "[%s] %d clients x %d downloads: %.0f MB in %.2f s = %.0f MB/s; errors %d %s%n",
				label, clients, downloads, bytes.get() / 1e6, seconds, mbPerSecond, errors.size(),
				errors.isEmpty() ? "" : errors.subList(0, Math.min(3, errors.size())));
		System.out.printf(Locale.ROOT, "RESULT label=%s clients=%d downloads=%d bytes=%d seconds=%.3f mbps=%.1f errors=%d%n",
				label, clients, downloads, bytes.get(), seconds, mbPerSecond, errors.size());
	}

	/** One GET on a new connection; the body's size, checked against its Content-Length. */
	private static long download(InetSocketAddress address, byte[] request, ByteBuffer buffer) throws IOException {
		try (SocketChannel channel = SocketChannel.open(address)) {
			channel.write(ByteBuffer.wrap(request));
			StringBuilder headers = new StringBuilder();
			long body = 0;
			int headerEnd = -1;
			while (true) {
				buffer.clear();
				int read = channel.read(buffer);
				if (read < 0) {
					break;
				}
				if (headerEnd < 0) {
					for (int i = 0; i < read; i++) {
						headers.append((char) buffer.get(i));
						int length = headers.length();
						if (length >= 4 && headers.charAt(length - 1) == '\n' && headers.charAt(length - 2) == '\r'
								&& headers.charAt(length - 3) == '\n' && headers.charAt(length - 4) == '\r') {
							headerEnd = i + 1;
							break;
						}
					}
					body += (headerEnd < 0) ? 0 : read - headerEnd;
				}
				else {
					body += read;
				}
			}
			String head = headers.toString();
			if (!head.startsWith("HTTP/1.1 200")) {
				throw new IOException("status " + head.lines().findFirst().orElse("(none)"));
			}
			long expected = head.lines()
				.filter((line) -> line.regionMatches(true, 0, "Content-Length:", 0, 15))
				.mapToLong((line) -> Long.parseLong(line.substring(15).trim()))
				.findFirst()
				.orElse(-1);
			if (body != expected) {
				throw new IOException("body of " + body + " bytes, Content-Length " + expected);
			}
			return body;
		}
	}

}

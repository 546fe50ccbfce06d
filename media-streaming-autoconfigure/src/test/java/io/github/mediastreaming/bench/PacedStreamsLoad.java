package io.github.mediastreaming.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Load client for the paced-streams benchmark (not a test): opens N concurrent GETs of one paced file on
 * a running server, measures each stream's delivered rate after its boost, and reads the server's CPU
 * time and heap from its actuator metrics before and after. Run it through
 * {@code benchmarks/paced-streams.sh}, which starts the server in its own JVM.
 *
 * <p>Arguments: {@code baseUrl path streams boostBytes targetBytesPerSecond}.
 */
public final class PacedStreamsLoad {

	private PacedStreamsLoad() {
	}

	public static void main(String[] args) {
		String baseUrl = args[0];
		String path = args[1];
		int streams = Integer.parseInt(args[2]);
		long boostBytes = Long.parseLong(args[3]);
		double target = Double.parseDouble(args[4]);
		ConnectionProvider provider = ConnectionProvider.builder("load")
			.maxConnections(streams + 10)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofMinutes(2))
			.build();
		HttpClient client = HttpClient.create(provider)
			.runOn(LoopResources.create("load", 2, true))
			.baseUrl(baseUrl)
			.responseTimeout(Duration.ofMinutes(5));
		double cpuBefore = seconds(client, "process.cpu.time");
		long start = System.nanoTime();
		// Sample the server's heap while every stream is running (their paced phase lasts about 50 s).
		double[] heap = new double[2];
		Thread sampler = new Thread(() -> {
			try {
				Thread.sleep(30_000);
			}
			catch (InterruptedException ex) {
				return;
			}
			heap[0] = metric(client, "jvm.memory.used", "?tag=area:heap");
			heap[1] = metric(client, "jvm.gc.live.data.size", "");
		});
		sampler.start();
		List<Mono<StreamResult>> all = new ArrayList<>();
		for (int i = 0; i < streams; i++) {
			all.add(stream(client, path, boostBytes));
		}
		// Open the streams over about two seconds, as viewers arrive, not in one burst.
		List<StreamResult> results = Flux.fromIterable(all)
			.delayElements(Duration.ofMillis(Math.max(1, 2000 / Math.max(1, streams))))
			.flatMap((mono) -> mono, streams)
			.collectList()
			.block();
		double wallSeconds = (System.nanoTime() - start) / 1e9;
		double cpuAfter = seconds(client, "process.cpu.time");
		try {
			sampler.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		report(results, streams, target, wallSeconds, cpuAfter - cpuBefore, heap[0], heap[1]);
		provider.disposeLater().block();
	}

	private static Mono<StreamResult> stream(HttpClient client, String path, long boostBytes) {
		return Mono.defer(() -> {
			long begin = System.nanoTime();
			AtomicLong bytes = new AtomicLong();
			AtomicLong boostDone = new AtomicLong(-1);
			return client.get()
				.uri(path)
				.responseContent()
				.doOnNext((ByteBuf buffer) -> {
					long total = bytes.addAndGet(buffer.readableBytes());
					if (total >= boostBytes && boostDone.get() < 0) {
						boostDone.set(System.nanoTime());
					}
				})
				.then(Mono.fromSupplier(() -> new StreamResult(bytes.get(), begin, boostDone.get(), System.nanoTime(),
						bytes.get() - boostBytes, null)))
				.onErrorResume((ex) -> Mono.just(new StreamResult(bytes.get(), begin, boostDone.get(),
						System.nanoTime(), 0, ex.toString())));
		});
	}

	private static void report(List<StreamResult> results, int streams, double target, double wallSeconds,
			double cpuSeconds, double heapBytes, double liveBytes) {
		long failed = results.stream().filter((r) -> r.error() != null).count();
		double[] rates = results.stream()
			.filter((r) -> r.error() == null && r.boostDoneNanos() > 0 && r.endNanos() > r.boostDoneNanos())
			.mapToDouble((r) -> r.pacedBytes() / ((r.endNanos() - r.boostDoneNanos()) / 1e9))
			.sorted()
			.toArray();
		long within = Arrays.stream(rates).filter((rate) -> Math.abs(rate / target - 1) <= 0.10).count();
		System.out.printf(Locale.ROOT, "streams: %d, failed: %d, wall: %.1f s%n", streams, failed, wallSeconds);
		if (rates.length > 0) {
			System.out.printf(Locale.ROOT,
					"paced rate (target %.0f B/s): min %.0f, median %.0f, max %.0f; within 10%%: %d of %d%n", target,
					rates[0], rates[rates.length / 2], rates[rates.length - 1], within, rates.length);
		}
		System.out.printf(Locale.ROOT, "server CPU: %.1f s (%.2f ms per stream-second of %.0f s streams)%n",
				cpuSeconds, cpuSeconds * 1000 / (streams * Math.max(1, wallSeconds)), wallSeconds);
		System.out.printf(Locale.ROOT,
				"server heap at 30 s, all streams active: used %.1f MB, live after last GC %.1f MB (%.1f KB per stream)%n",
				heapBytes / 1e6, liveBytes / 1e6, heapBytes / 1e3 / streams);
		results.stream().filter((r) -> r.error() != null).limit(3).forEach((r) -> System.out.println("error: " + r.error()));
	}

	/** Read a time metric in seconds, whatever base unit the server reports it in. */
	private static double seconds(HttpClient client, String name) {
		String json = json(client, "/actuator/metrics/" + name);
		double value = value(json);
		return json.contains("\"baseUnit\":\"ns\"") || json.contains("\"baseUnit\":\"nanoseconds\"") ? value / 1e9 : value;
	}

	private static String json(HttpClient client, String uri) {
		return client.get().uri(uri).responseContent().aggregate().asString().block(Duration.ofSeconds(30));
	}

	private static double value(String json) {
		Matcher matcher = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)").matcher(json);
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
	}

	private static double metric(HttpClient client, String name, String query) {
		return value(json(client, "/actuator/metrics/" + name + query));
	}

	private record StreamResult(long bytes, long beginNanos, long boostDoneNanos, long endNanos, long pacedBytes,
			String error) {

	}

}

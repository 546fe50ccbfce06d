package io.github.mediastreaming.actuate;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;

import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.IndexListener;
import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.MediaIndexService;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaSeeker;
import io.github.mediastreaming.index.ProbeFailure;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.index.SeekUnit;
import io.github.mediastreaming.metrics.MediaMeters;
import io.github.mediastreaming.stream.ActiveStream;
import io.github.mediastreaming.stream.StreamRegistry;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Metrics and the {@code media} endpoint after real streams over a socket. The index service is the
 * user's own here (a user bean wins), with a reader that gives {@code .wav} files a fixed bitrate, so
 * these tests do not depend on any container parser.
 */
@SpringBootTest(classes = MediaMonitoringTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=media,health,metrics",
				"management.endpoint.health.show-details=always", "media.streaming.speedup-factor=0",
				"media.streaming.initial-boost=0s" })
class MediaMonitoringTests {

	/** 800 kbit/s: 100,000 bytes/s, so the 2 MB file takes 20 s when paced. */
	private static final long BITRATE = 800_000;

	private static final long BIG_FILE_BYTES = 256L << 20;

	private static final int FAILING_SEEKER_BYTES = 1234;

	private static final Path ROOT = createRoot();

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Autowired
	StreamRegistry streams;

	WebTestClient client;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@BeforeEach
	void createClient() {
		this.client = Fixtures.client(this.port);
	}

	@Test
	void completedStreamCountsRequestBytesAndOutcome() {
		double bytesBefore = counter(MediaMeters.BYTES_SENT, "format", "mp3");
		this.client.get().uri("/media/small.mp3").exchange().expectStatus().isOk();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(counter(MediaMeters.BYTES_SENT, "format", "mp3") - bytesBefore)
				.isEqualTo(50_000));
		assertThat(this.meters.get(MediaMeters.REQUESTS)
			.tags("kind", "plain", "format", "mp3", "status", "2xx")
			.counter()
			.count()).isGreaterThanOrEqualTo(1);
		assertThat(this.meters.get(MediaMeters.STREAMS)
			.tags("format", "mp3", "paced", "false", "outcome", "completed")
			.counter()
			.count()).isGreaterThanOrEqualTo(1);
		assertThat(this.meters.get(MediaMeters.FIRST_BYTE).tags("kind", "plain", "format", "mp3").timer().count())
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void completedStreamOfAFileOfNoKnownFormatCountsItsBytes() {
		double bytesBefore = counter(MediaMeters.BYTES_SENT, "format", "unknown");
		this.client.get().uri("/media/notes.bin").exchange().expectStatus().isOk();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(counter(MediaMeters.BYTES_SENT, "format", "unknown") - bytesBefore)
				.isEqualTo(50_000));
	}

	@Test
	void endpointTotalsTheBytesSentByEveryStreamSoFar() {
		long before = endpointBytesSent();
		this.client.get().uri("/media/small.mp3").exchange().expectStatus().isOk();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(endpointBytesSent()).isGreaterThanOrEqualTo(before + 50_000));
	}

	private long endpointBytesSent() {
		Number sent = (Number) this.client.get()
			.uri("/actuator/media")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("bytesSent");
		return sent.longValue();
	}

	@Test
	void clientErrorsAreCountedByStatusFamily() {
		this.client.get().uri("/media/missing.mp3").exchange().expectStatus().isNotFound();
		assertThat(this.meters.get(MediaMeters.REQUESTS).tags("status", "4xx").counter().count())
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void pacedStreamIsListedWhileActiveAndGoneAfterTheClientHangsUp() {
		double hangupsBefore = counter(MediaMeters.HANGUPS, "format", "wav");
		WebClient webClient = WebClient.create("http://127.0.0.1:" + this.port);
		// Take the first buffers, then keep the connection open without reading: the stream stays active.
		var subscription = webClient.get()
			.uri("/media/paced.wav")
			.retrieve()
			.bodyToFlux(DataBuffer.class)
			.doOnNext(DataBufferUtils::release)
			.subscribe();
		try {
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> this.client.get()
				.uri("/actuator/media")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.streams[0].path")
				.isEqualTo("/media/paced.wav")
				.jsonPath("$.streams[0].format")
				.isEqualTo("wav")
				.jsonPath("$.streams[0].targetRate")
				.isEqualTo(100_000)
				.jsonPath("$.streams[0].state")
				.isEqualTo("paced")
				.jsonPath("$.streams[0].client")
				.isEqualTo("127.0.0.1")
				.jsonPath("$.streams[0].bytesSent")
				.value((sent) -> assertThat(((Number) sent).longValue()).isPositive())
				.jsonPath("$.cache.size")
				.exists());
			assertThat(this.meters.get(MediaMeters.ACTIVE).gauge().value()).isGreaterThanOrEqualTo(1);
		}
		finally {
			subscription.dispose();
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.streams.size()).isZero();
			this.client.get().uri("/actuator/media").exchange().expectBody().jsonPath("$.streams").isEmpty();
		});
		assertThat(counter(MediaMeters.HANGUPS, "format", "wav") - hangupsBefore).isEqualTo(1);
		assertThat(this.meters.get(MediaMeters.BYTES_SAVED).tags("format", "wav").counter().count())
			.isGreaterThan(1_000_000);
		assertThat(counter(MediaMeters.PACER_WAIT, "format", "wav")).isPositive();
	}

	@Test
	void unpacedZeroCopyStreamCountsAHangUpAndOnlyTheBytesSent() throws Exception {
		double hangupsBefore = counter(MediaMeters.HANGUPS, "format", "mp3");
		double bytesBefore = counter(MediaMeters.BYTES_SENT, "format", "mp3");
		RawHttp.hangUpAfter(this.port, "/media/big.mp3", new String[0], 4096);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.streams.size()).isZero());
		assertThat(counter(MediaMeters.HANGUPS, "format", "mp3") - hangupsBefore).isEqualTo(1);
		assertThat(counter(MediaMeters.BYTES_SENT, "format", "mp3") - bytesBefore).isLessThan(BIG_FILE_BYTES);
	}

	@Test
	void unpacedZeroCopyStreamRecordsItsTimeToFirstByteWhenTheClientHangsUpAfterReceivingBodyBytes() throws Exception {
		// The client reads headers and the first body bytes of a 256 MB file, then hangs up: it had its
		// first byte, so the stream's time to first byte is recorded like any other stream's.
		long before = firstByteCount("plain", "mp3");
		RawHttp.hangUpAfter(this.port, "/media/big.mp3", new String[0], 4096);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.streams.size()).isZero());
		assertThat(firstByteCount("plain", "mp3") - before).isEqualTo(1);
	}

	private long firstByteCount(String kind, String format) {
		var timer = this.meters.find(MediaMeters.FIRST_BYTE).tags("kind", kind, "format", format).timer();
		return (timer != null) ? timer.count() : 0;
	}

	@Test
	void bytesSentCountsAPacedStreamsBytesWhileItIsStillSending() throws Exception {
		// A 20 s paced stream whose client stops reading after its first bytes: the egress counter must show
		// what the stream has sent so far, not only once it ends (rate() of a counter that moves only at
		// each stream's end shows a film's egress when its viewer leaves, in one spike).
		awaitNoPacedStream();
		double before = counter(MediaMeters.BYTES_SENT, "format", "wav");
		try (Socket socket = requestPacedFile()) {
			long[] sent = new long[1];
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				sent[0] = this.streams.active()
					.stream()
					.filter((stream) -> stream.path().equals("/media/paced.wav"))
					.mapToLong(ActiveStream::bytesSent)
					.sum();
				assertThat(sent[0]).isPositive();
			});
			double counted = counter(MediaMeters.BYTES_SENT, "format", "wav") - before;
			assertThat(this.streams.active()).anyMatch((stream) -> stream.path().equals("/media/paced.wav"));
			assertThat(counted).isGreaterThanOrEqualTo(sent[0]);
			socket.setSoLinger(true, 0);
		}
	}

	@Test
	void timeToFirstByteIsRecordedWhenTheFirstByteLeavesNotWhenTheStreamEnds() throws Exception {
		// A 20 s paced stream whose client has its first bytes: its time to first byte is known now, and a
		// film's must not wait for its viewer to leave to reach the timer.
		awaitNoPacedStream();
		long before = firstByteCount("plain", "wav");
		try (Socket socket = requestPacedFile()) {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.streams.active()).anyMatch(
						(stream) -> stream.path().equals("/media/paced.wav") && stream.timeToFirstByte() != null));
			long recorded = firstByteCount("plain", "wav") - before;
			assertThat(this.streams.active()).anyMatch((stream) -> stream.path().equals("/media/paced.wav"));
			assertThat(recorded).isEqualTo(1);
			socket.setSoLinger(true, 0);
		}
	}

	@Test
	void pacerWaitIsCountedWhileAPacedStreamIsStillSending() throws Exception {
		// The same 20 s stream: the time it has waited for its pacer so far must show now, not when it ends.
		awaitNoPacedStream();
		double before = counter(MediaMeters.PACER_WAIT, "format", "wav");
		try (Socket socket = requestPacedFile()) {
			double[] waited = new double[1];
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				waited[0] = this.streams.active()
					.stream()
					.filter((stream) -> stream.path().equals("/media/paced.wav"))
					.mapToLong(ActiveStream::pacerWaitNanos)
					.sum() / 1e9;
				assertThat(waited[0]).isPositive();
			});
			double counted = counter(MediaMeters.PACER_WAIT, "format", "wav") - before;
			assertThat(this.streams.active()).anyMatch((stream) -> stream.path().equals("/media/paced.wav"));
			assertThat(counted).isGreaterThanOrEqualTo(waited[0] - 1e-9);
			socket.setSoLinger(true, 0);
		}
	}

	/** Ask for the 20 s paced file and read its first 4 KiB, headers included; the caller hangs up. */
	private Socket requestPacedFile() throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write("GET /media/paced.wav HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			assertThat(socket.getInputStream().readNBytes(4096)).hasSize(4096);
			return socket;
		}
		catch (IOException | RuntimeException | Error ex) {
			socket.close();
			throw ex;
		}
	}

	/** Another test's stream of the paced file, hung up on, may take a moment to end: it must not count here. */
	private void awaitNoPacedStream() {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.streams.active())
			.noneMatch((stream) -> stream.path().equals("/media/paced.wav")));
	}

	@Test
	void aSeekerThatFailsGivesTheClientAProblemDetailNotA500() {
		this.client.get()
			.uri("/media/buggy.wav?start=1")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("This file cannot be cut at the requested position");
	}

	@Test
	void endpointShowsTheIndexOfAFile() {
		this.client.get()
			.uri("/actuator/media/paced.wav")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.format")
			.isEqualTo("wav")
			.jsonPath("$.bitrate")
			.isEqualTo(BITRATE)
			.jsonPath("$.duration")
			.isEqualTo(20.0)
			.jsonPath("$.seekable")
			.isEqualTo(false)
			.jsonPath("$.indexed")
			.isEqualTo(true);
	}

	@Test
	void endpointSaysWhyAFileCouldNotBeIndexed() {
		this.client.get()
			.uri("/actuator/media/broken.wav")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.indexed")
			.isEqualTo(false)
			.jsonPath("$.failure")
			.isEqualTo("malformed");
		assertThat(this.meters.get(MediaMeters.INDEX_FAILURES).tags("format", "wav", "reason", "malformed")
			.counter()
			.count()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void endpointAnswers404ForAMissingFileAndForPathsOutsideTheRoot() {
		this.client.get().uri("/actuator/media/missing.wav").exchange().expectStatus().isNotFound();
		this.client.get().uri("/actuator/media/.hidden.wav").exchange().expectStatus().isNotFound();
	}

	@Test
	void deleteEvictsTheCachedIndexSoTheNextRequestReadsTheFileAgain() {
		this.client.get().uri("/actuator/media/evict.wav").exchange().expectStatus().isOk();
		double missesBefore = cacheMisses();
		this.client.delete()
			.uri("/actuator/media/evict.wav")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.evicted")
			.isEqualTo(1);
		this.client.get().uri("/actuator/media/evict.wav").exchange().expectStatus().isOk();
		assertThat(cacheMisses()).isEqualTo(missesBefore + 1);
	}

	@Test
	void indexingIsTimedByFormat() {
		this.client.get().uri("/actuator/media/timed.wav").exchange().expectStatus().isOk();
		assertThat(this.meters.get(MediaMeters.INDEX_DURATION).tags("format", "wav").timer().count())
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void healthReportsTheMediaRoot() {
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.mediaRoot.status")
			.isEqualTo("UP")
			.jsonPath("$.components.mediaRoot.details.readable")
			.isEqualTo(true);
	}

	private double cacheMisses() {
		return this.meters.get("cache.gets").tags("cache", MediaMeters.INDEX_CACHE, "result", "miss")
			.functionCounter()
			.count();
	}

	private double counter(String name, String... tags) {
		// A counter or a function counter: their one measurement is the count.
		Meter meter = this.meters.find(name).tags(tags).meter();
		return (meter != null) ? meter.measure().iterator().next().getValue() : 0;
	}

	private static Path createRoot() {
		return Fixtures.root("media-monitoring", (root) -> {
			byte[] bytes = new byte[2_000_000];
			new Random(7).nextBytes(bytes);
			Files.write(root.resolve("paced.wav"), bytes);
			for (String name : new String[] { "evict.wav", "timed.wav" }) {
				Files.write(root.resolve(name), new byte[1000]);
			}
			Files.writeString(root.resolve("broken.wav"), "not a wave file");
			Files.write(root.resolve("buggy.wav"), new byte[FAILING_SEEKER_BYTES]);
			Files.writeString(root.resolve(".hidden.wav"), "hidden");
			Files.write(root.resolve("small.mp3"), new byte[50_000]);
			Files.write(root.resolve("notes.bin"), new byte[50_000]);
			try (RandomAccessFile big = new RandomAccessFile(root.resolve("big.mp3").toFile(), "rw")) {
				big.setLength(BIG_FILE_BYTES);
			}
		});
	}

	/** A seeker with a bug: the handler must answer 400, not 500, and log the cause. */
	static final class FailingSeeker implements MediaSeeker {

		@Override
		public SeekUnit unit() {
			return SeekUnit.SECONDS;
		}

		@Override
		public MediaBody seek(SeekRequest request) {
			throw new ArrayIndexOutOfBoundsException("a seeker bug");
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		/**
		 * Gives every readable .wav file a fixed bitrate and a 2 MB-at-800 kbit/s duration, and lets it seek
		 * by seconds: the built-in WAV format, replaced by name.
		 */
		@Bean
		MediaFormat wavMediaFormat() {
			MediaIndexReader fixed = (source, budget) -> {
				if (source.size() < 1000) {
					throw new MediaFormatException(ProbeFailure.MALFORMED, "Too short for a WAV header");
				}
				return new MediaIndex(source.size(), 20_000_000, BITRATE,
						(source.size() == FAILING_SEEKER_BYTES) ? new FailingSeeker() : null);
			};
			return MediaFormat.named("wav").extension("wav", "audio/wav").reader(fixed).seekUnit(SeekUnit.SECONDS).build();
		}

	}

}

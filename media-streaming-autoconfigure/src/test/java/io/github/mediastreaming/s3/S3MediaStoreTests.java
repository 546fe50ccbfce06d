package io.github.mediastreaming.s3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.bytes.SourceChangedException;
import io.github.mediastreaming.flv.FlvIndexReader;
import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.format.MediaFormats;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.mp4.Mp4IndexReader;
import io.github.mediastreaming.source.MediaFile;
import io.github.mediastreaming.source.MediaStoreBusyException;
import io.github.mediastreaming.bytes.MediaStoreException;
import io.github.mediastreaming.source.MediaStoreListener;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.S3ProxyExtension;
import io.github.mediastreaming.testsupport.S3ProxyServer;
import io.github.mediastreaming.testsupport.ThrottlingS3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The store against a real S3 API (s3proxy): what a HEAD finds, how many GETs the index readers cost,
 * exact bytes from ranged GETs, versions that change under a reader, cancellation, and how the store's
 * failures surface (missing key, refused credentials, unreachable store, throttling).
 */
class S3MediaStoreTests {

	@RegisterExtension
	static final S3ProxyExtension s3 = new S3ProxyExtension();

	static final byte[] CONTENT = content();

	static final Path ROOT = Fixtures.root("s3-store", (root) -> {
		Fixtures.copy(root, "flv/h264aac.flv", "clip.flv");
		Fixtures.copy(root, "mp4/moovend.mp4", "moovend.mp4");
		Files.createDirectories(root.resolve("sub"));
		Files.write(root.resolve("sub/data.bin"), CONTENT);
	});

	final List<String> requests = new CopyOnWriteArrayList<>();

	final MediaStoreListener recorder = new MediaStoreListener() {
		@Override
		public void requested(String operation, Outcome outcome, long nanos) {
			S3MediaStoreTests.this.requests.add(operation + ":" + outcome.id());
		}
	};

	S3AsyncClient client;

	@AfterEach
	void closeClient() {
		if (this.client != null) {
			this.client.close();
		}
	}

	@Test
	void findAsksForTheObjectsMetadataWithOneHead() {
		S3MediaStore store = store("sub/");
		MediaFile file = store.find("data.bin").block();
		assertThat(file.sizeBytes()).isEqualTo(CONTENT.length);
		assertThat(file.key()).isEqualTo("sub/data.bin");
		assertThat(file.entityTag()).startsWith("\"").endsWith("\"");
		assertThat(file.lastModified()).isBetween(Instant.now().minus(Duration.ofHours(1)), Instant.now().plusSeconds(5));
		assertThat(file.contentType().toString()).isEqualTo("application/octet-stream");
		assertThat(this.requests).containsExactly("head:success");
	}

	@Test
	void aMissingKeyIsNotFoundAndAHiddenOrEmptySegmentIsNotEvenAskedFor() {
		S3MediaStore store = store("");
		assertThat(store.find("sub/missing.bin").blockOptional()).isEmpty();
		assertThat(store.find("sub/.data.bin").blockOptional()).isEmpty();
		assertThat(store.find("sub//data.bin").blockOptional()).isEmpty();
		assertThat(this.requests).containsExactly("head:not_found");
	}

	@Test
	void anMp4WithMoovAtTheEndIsIndexedFromAHeadBlockAndATailRange() throws Exception {
		assertIndexedAsLocally("moovend.mp4", "mp4/moovend.mp4", new Mp4IndexReader(), 3);
	}

	@Test
	void anFlvTagWalkSharesItsGetsThroughTheBlockCache() throws Exception {
		long size = Files.size(Fixtures.media("flv/h264aac.flv"));
		// Far fewer GETs than tags: the head, the last tag, then fetches that grow from 64 KiB to 1 MiB.
		assertIndexedAsLocally("clip.flv", "flv/h264aac.flv", new FlvIndexReader(), 3 + (int) (size / (256 * 1024)));
	}

	private void assertIndexedAsLocally(String key, String fixture, MediaIndexReader reader, int maxGets)
			throws Exception {
		S3MediaStore store = store("");
		MediaFile file = store.find(key).block();
		MediaIndex fromS3;
		try (MediaSource source = store.open(file)) {
			fromS3 = reader.read(source);
			assertThat(((S3MediaSource) source).readRequests()).isLessThanOrEqualTo(maxGets);
		}
		MediaIndex local;
		try (FileMediaSource source = FileMediaSource.open(Fixtures.media(fixture))) {
			local = reader.read(source);
		}
		assertThat(fromS3.toString()).isEqualTo(local.toString());
		assertThat(fromS3.bitrate()).isEqualTo(local.bitrate());
		assertThat(fromS3.seeker().progressiveBody()).isEqualTo(local.seeker().progressiveBody());
		assertThat(this.requests.stream().filter((request) -> request.startsWith("read:")))
			.hasSizeLessThanOrEqualTo(maxGets)
			.allMatch("read:success"::equals);
	}

	@Test
	void aStreamIsTheExactBytesReadInChunkSizedRangedGets() {
		S3MediaStore store = store("", new ReadAheadSettings(Duration.ofSeconds(4), 64 * 1024, 128 * 1024));
		MediaFile file = store.find("sub/data.bin").block();
		MediaSource source = store.open(file);
		// 50,000 B/s for 4 s is 200,000 bytes, capped at 128 KiB per GET: 900,000 bytes in 7 GETs.
		byte[] body = join(source.stream(100_000, 900_000, DefaultDataBufferFactory.sharedInstance, 8192, 50_000,
				Schedulers.boundedElastic()));
		assertThat(body).isEqualTo(java.util.Arrays.copyOfRange(CONTENT, 100_000, 1_000_000));
		assertThat(this.requests).filteredOn((request) -> request.startsWith("stream:")).hasSize(7)
			.allMatch("stream:success"::equals);
	}

	@Test
	void anObjectReplacedSinceItWasFoundFailsReadsAndStreamsInsteadOfMixingVersions() throws IOException {
		S3MediaStore store = store("");
		String key = "replaced-" + System.nanoTime() + ".bin";
		put(key, CONTENT);
		MediaFile file = store.find(key).block();
		byte[] other = CONTENT.clone();
		other[0]++;
		put(key, other);
		try (MediaSource source = store.open(file)) {
			assertThatExceptionOfType(SourceChangedException.class).isThrownBy(() -> source.read(0, 100));
			Flux<DataBuffer> stream = source.stream(0, 1000, DefaultDataBufferFactory.sharedInstance, 100, 0,
					Schedulers.boundedElastic());
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> join(stream))
				.withRootCauseInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class)
				.satisfies((ex) -> assertThat(ex.getCause()).isInstanceOf(SourceChangedException.class));
		}
		assertThat(this.requests).contains("read:changed", "stream:changed");
	}

	@Test
	void cancellingAStreamAbortsTheGetInFlight() throws Exception {
		// The store takes 5 s to answer a GET: the cancel must not wait for it.
		try (S3ProxyServer slow = S3ProxyServer.start(
				Map.of("s3proxy.latency-blobstore", "true", "s3proxy.latency-blobstore.get.latency", "5000"))) {
			slow.upload("slow", ROOT);
			this.client = client(slow, S3ProxyServer.SECRET_KEY);
			S3MediaStore store = new S3MediaStore(this.client, new S3Location("slow", ""), ReadAheadSettings.DEFAULTS,
					formats(), this.recorder);
			MediaFile file = store.find("sub/data.bin").block();
			Disposable subscription = store.open(file)
				.stream(0, CONTENT.length, DefaultDataBufferFactory.sharedInstance, 8192, 0, Schedulers.boundedElastic())
				.subscribe(DataBufferUtils::release);
			Thread.sleep(500);
			long cancelled = System.nanoTime();
			subscription.dispose();
			await().atMost(Duration.ofSeconds(2)).until(() -> this.requests.contains("stream:cancelled"));
			assertThat(System.nanoTime() - cancelled).isLessThan(TimeUnit.SECONDS.toNanos(3));
		}
	}

	@Test
	void refusedCredentialsAreAStoreFailureNotAMissingFile() {
		this.client = client(s3.server(), "not-the-secret");
		S3MediaStore store = new S3MediaStore(this.client, new S3Location(s3.bucket("s3-store", ROOT), ""),
				ReadAheadSettings.DEFAULTS, formats(), this.recorder);
		assertThatExceptionOfType(MediaStoreException.class).isThrownBy(() -> store.find("sub/data.bin").block())
			.isNotInstanceOf(MediaStoreBusyException.class)
			.withMessageContaining("403");
		assertThat(this.requests).containsExactly("head:denied");
	}

	@Test
	void aKeyLongerThanS3AllowsIsNotFoundWithoutARequest() {
		S3ProxyServer stopped = S3ProxyServer.start(Map.of());
		stopped.close();
		// Any request would fail: this store is unreachable.
		this.client = client(stopped, S3ProxyServer.SECRET_KEY);
		S3MediaStore store = new S3MediaStore(this.client, new S3Location("gone", "media/"), ReadAheadSettings.DEFAULTS,
				formats(), this.recorder);
		String longest = "a".repeat(S3MediaStore.MAX_KEY_BYTES - "media/".length() - ".bin".length()) + ".bin";
		assertThat(store.find("x" + longest).blockOptional()).isEmpty();
		// Two bytes a character in UTF-8: half as many characters make the same key length.
		assertThat(store.find("é".repeat(512) + ".bin").blockOptional()).isEmpty();
		assertThat(this.requests).isEmpty();
		assertThatExceptionOfType(MediaStoreException.class).isThrownBy(() -> store.find(longest).block());
		assertThat(this.requests).containsExactly("head:error");
	}

	@Test
	void anUnreachableStoreIsAStoreFailure() {
		S3ProxyServer stopped = S3ProxyServer.start(Map.of());
		stopped.close();
		this.client = client(stopped, S3ProxyServer.SECRET_KEY);
		S3MediaStore store = new S3MediaStore(this.client, new S3Location("gone", ""), ReadAheadSettings.DEFAULTS,
				formats(), this.recorder);
		assertThatExceptionOfType(MediaStoreException.class).isThrownBy(() -> store.find("sub/data.bin").block())
			.isNotInstanceOf(MediaStoreBusyException.class);
		assertThat(this.requests).containsExactly("head:error");
	}

	@Test
	void aThrottledHeadIsABusyStoreWithTheStoresRetryAfterOrOneSecond() {
		try (ThrottlingS3 fake = new ThrottlingS3(true, null)) {
			assertThat(busy(fake).retryAfter()).isEqualTo(Duration.ofSeconds(1));
			assertThat(fake.throttled()).isGreaterThanOrEqualTo(1);
		}
		try (ThrottlingS3 fake = new ThrottlingS3(true, "7")) {
			assertThat(busy(fake).retryAfter()).isEqualTo(Duration.ofSeconds(7));
		}
		assertThat(this.requests).containsOnly("head:throttled");
	}

	@Test
	void aThrottledGetIsABusyStore() {
		try (ThrottlingS3 fake = new ThrottlingS3(false, null)) {
			this.client = client(fake.endpoint(), S3ProxyServer.SECRET_KEY);
			S3MediaStore store = new S3MediaStore(this.client, new S3Location("any", ""), ReadAheadSettings.DEFAULTS,
					formats(), this.recorder);
			MediaFile file = store.find("tone.wav").block();
			assertThat(file.sizeBytes()).isEqualTo(ThrottlingS3.SIZE);
			MediaSource source = store.open(file);
			assertThatExceptionOfType(MediaStoreBusyException.class).isThrownBy(() -> source.read(0, 100))
				.withMessageContaining("503 SlowDown");
			assertThat(this.requests).containsExactly("head:success", "read:throttled");
		}
	}

	private MediaStoreBusyException busy(ThrottlingS3 fake) {
		try (S3AsyncClient throttled = client(fake.endpoint(), S3ProxyServer.SECRET_KEY)) {
			S3MediaStore store = new S3MediaStore(throttled, new S3Location("any", ""), ReadAheadSettings.DEFAULTS,
					formats(), this.recorder);
			try {
				store.find("tone.wav").block();
			}
			catch (MediaStoreBusyException ex) {
				return ex;
			}
			throw new AssertionError("Not throttled");
		}
	}

	private S3MediaStore store(String prefix) {
		return store(prefix, ReadAheadSettings.DEFAULTS);
	}

	private S3MediaStore store(String prefix, ReadAheadSettings readAhead) {
		this.client = client(s3.server(), S3ProxyServer.SECRET_KEY);
		return new S3MediaStore(this.client, new S3Location(s3.bucket("s3-store", ROOT), prefix), readAhead, formats(),
				this.recorder);
	}

	private void put(String key, byte[] content) {
		try (S3AsyncClient writer = s3.server().client()) {
			writer.putObject((request) -> request.bucket(s3.bucket("s3-store", ROOT)).key(key),
					AsyncRequestBody.fromBytes(content)).join();
		}
	}

	private static S3AsyncClient client(S3ProxyServer server, String secret) {
		return client(server.endpoint(), secret);
	}

	private static S3AsyncClient client(java.net.URI endpoint, String secret) {
		return S3AsyncClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, secret)))
			.build();
	}

	private static MediaFormats formats() {
		return new MediaFormats(List.of(MediaFormat.named("mp4").extension("mp4", "video/mp4").build(),
				MediaFormat.named("flv").extension("flv", "video/x-flv").build()));
	}

	private static byte[] join(Flux<DataBuffer> buffers) {
		return DataBufferUtils.join(buffers).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		}).block(Duration.ofSeconds(30));
	}

	private static byte[] content() {
		byte[] bytes = new byte[1_000_000];
		new Random(15).nextBytes(bytes);
		return bytes;
	}

}

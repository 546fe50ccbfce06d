package io.github.mediastreaming.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.SocketFactory;

import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.stream.ActiveStream;
import io.github.mediastreaming.stream.StreamListener;
import io.github.mediastreaming.stream.StreamOutcome;
import io.github.mediastreaming.stream.StreamRegistry;
import io.github.mediastreaming.testsupport.RawHttp;
import io.github.mediastreaming.testsupport.SelfSignedKeyStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing the application while paced streams are in flight, as a deployment does: a paced stream lasts
 * as long as its media (hours, for a film), so Boot's graceful shutdown (on by default) waits out its
 * phase timeout, has Reactor Netty close the connections, and then the event loops are shut down. Every
 * stream must end there, with an outcome, and its file must be closed: an application context started
 * and closed again in one JVM (a test suite, a refresh) must not keep descriptors or streams that never
 * end (their observations never stop).
 */
class ShutdownWithStreamsInFlightTests {

	/** An hour and more of media at 64 kbit/s; sparse, so it costs no disk. */
	private static final long FILE_BYTES = 100_000_000;

	private static final int STREAMS = 3;

	@TempDir
	Path root;

	private final List<Socket> clients = new ArrayList<>();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void hangUpAndClose() throws IOException {
		for (Socket client : this.clients) {
			client.close();
		}
		// A context a failed assertion left running would keep its port.
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void closingTheContextEndsPacedZeroCopyStreamsAndClosesTheirFiles() throws Exception {
		ConfigurableApplicationContext context = start(20010);
		assertClosingEndsEveryStream(context, 20010, SocketFactory.getDefault());
	}

	@Test
	void closingTheContextEndsPacedTlsStreamsAndClosesTheirFiles() throws Exception {
		SelfSignedKeyStore keyStore = SelfSignedKeyStore.create();
		ConfigurableApplicationContext context = start(20011, "--server.ssl.key-store=" + keyStore.file(),
				"--server.ssl.key-store-type=PKCS12", "--server.ssl.key-store-password=" + SelfSignedKeyStore.PASSWORD);
		assertClosingEndsEveryStream(context, 20011, keyStore.clientContext().getSocketFactory());
	}

	private ConfigurableApplicationContext start(int port, String... more) throws IOException {
		try (RandomAccessFile file = new RandomAccessFile(this.root.resolve("film.wav").toFile(), "rw")) {
			file.setLength(FILE_BYTES);
		}
		List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--media.streaming.root=" + this.root,
				// Graceful shutdown, Boot's default, gives up on the streams after this.
				"--spring.lifecycle.timeout-per-shutdown-phase=2s"));
		args.addAll(List.of(more));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.REACTIVE)
			.run(args.toArray(String[]::new));
		this.contexts.add(context);
		return context;
	}

	private void assertClosingEndsEveryStream(ConfigurableApplicationContext context, int port, SocketFactory sockets)
			throws Exception {
		StreamRegistry registry = context.getBean(StreamRegistry.class);
		Outcomes outcomes = context.getBean(Outcomes.class);
		for (int i = 0; i < STREAMS; i++) {
			Socket client = sockets.createSocket();
			this.clients.add(client);
			client.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			client.setSoTimeout(10_000);
			client.getOutputStream()
				.write("GET /media/film.wav HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			InputStream in = client.getInputStream();
			assertThat(RawHttp.readHead(in)).startsWith("HTTP/1.1 200");
			in.readNBytes(8_000);
		}
		assertThat(registry.size()).isEqualTo(STREAMS);
		assertThat(openDescriptorsOf("film.wav")).isPositive();
		// Bounded: Boot's phase timeout, Reactor Netty's 3 s, the event loops' quiet period.
		CompletableFuture.runAsync(context::close).get(30, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(registry.size()).isZero();
			assertThat(openDescriptorsOf("film.wav")).isZero();
		});
		// The server closed the connections: the streams were cut off, not failed and not completed.
		assertThat(outcomes.closed.values()).hasSize(STREAMS).containsOnly(StreamOutcome.CANCELLED);
	}

	private static long openDescriptorsOf(String fileName) throws IOException {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
			return descriptors.filter((descriptor) -> {
				try {
					return Files.readSymbolicLink(descriptor).endsWith(fileName);
				}
				catch (IOException ex) {
					// Closed since it was listed.
					return false;
				}
			}).count();
		}
	}

	/** How each stream ended. */
	static final class Outcomes implements StreamListener {

		final Map<Long, StreamOutcome> closed = new ConcurrentHashMap<>();

		@Override
		public void closed(ActiveStream stream, StreamOutcome outcome, long nanoTime) {
			this.closed.put(stream.id(), outcome);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		/** WAV files are 64 kbit/s whatever their bytes: 100 MB is more than three hours. */
		@Bean
		MediaFormat wavMediaFormat() {
			return MediaFormat.named("wav")
				.extension("wav", "audio/wav")
				.reader((source, budget) -> new MediaIndex(source.size(), FILE_BYTES * 1_000_000 / 8_000, 64_000, null))
				.build();
		}

		@Bean
		Outcomes outcomes() {
			return new Outcomes();
		}

	}

}

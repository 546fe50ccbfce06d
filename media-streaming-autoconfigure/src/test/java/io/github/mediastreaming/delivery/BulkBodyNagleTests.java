package io.github.mediastreaming.delivery;

import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.mediastreaming.testsupport.Fixtures;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An unpaced body of at least 256 KiB is sent with Nagle's algorithm on, as nginx sends a body, and
 * the connection gets {@code TCP_NODELAY} back when the body ends, so the next response on it is not
 * held; smaller and paced bodies keep {@code TCP_NODELAY}, so a paced send leaves at once.
 */
@SpringBootTest(classes = { TransportTestApplication.class, BulkBodyNagleTests.ServerChannels.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.pacing-interval=3s", "media.streaming.speedup-factor=0",
				"media.streaming.initial-boost=0s" })
class BulkBodyNagleTests {

	private static final Path ROOT = Fixtures.root("bulk-nagle", (root) -> {
		try (RandomAccessFile file = new RandomAccessFile(root.resolve("big.bin").toFile(), "rw")) {
			file.setLength(64L << 20);
		}
		Files.write(root.resolve("small.bin"), new byte[100_000]);
		// 800 kbit/s by the test format: paced at 100,000 B/s in 3 s sends.
		Files.write(root.resolve("paced.wav"), new byte[1_000_000]);
	});

	@LocalServerPort
	int port;

	@Autowired
	ServerChannels channels;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@BeforeEach
	void forgetEarlierConnections() {
		this.channels.accepted.clear();
	}

	@Test
	void aLargeUnpacedBodyIsSentWithNagleAndTheConnectionGetsNoDelayBackAfterIt() throws Exception {
		try (Socket socket = connect()) {
			InputStream in = request(socket, "/media/big.bin");
			Channel server = this.channels.only();
			// The client reads nothing more: the body stalls in flight.
			await().atMost(Duration.ofSeconds(10)).until(() -> !noDelay(server));
			long received = 0;
			byte[] buffer = new byte[1 << 16];
			int read;
			while (received < (64L << 20) && (read = in.read(buffer)) > 0) {
				received += read;
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> noDelay(server));
			// The next response on the same connection.
			socket.getOutputStream().write(get("/media/small.bin"));
			assertThat(readHeaders(in)).startsWith("HTTP/1.1 200");
			assertThat(noDelay(server)).isTrue();
		}
	}

	@Test
	void smallAndPacedBodiesKeepNoDelay() throws Exception {
		try (Socket socket = connect()) {
			InputStream in = request(socket, "/media/small.bin");
			assertThat(noDelay(this.channels.only())).isTrue();
			in.readNBytes(100_000);
		}
		this.channels.accepted.clear();
		try (Socket socket = connect()) {
			InputStream in = request(socket, "/media/paced.wav");
			// Paced: the first send, then a 3 s sleep with the body in flight.
			in.readNBytes(1000);
			assertThat(noDelay(this.channels.only())).isTrue();
		}
	}

	private Socket connect() throws Exception {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(64 * 1024);
		socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
		socket.setSoTimeout(20_000);
		return socket;
	}

	private static InputStream request(Socket socket, String path) throws Exception {
		socket.getOutputStream().write(get(path));
		InputStream in = socket.getInputStream();
		assertThat(readHeaders(in)).startsWith("HTTP/1.1 200");
		return in;
	}

	private static byte[] get(String path) {
		return ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
	}

	private static String readHeaders(InputStream in) throws Exception {
		StringBuilder headers = new StringBuilder();
		while (!headers.toString().endsWith("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				break;
			}
			headers.append((char) next);
		}
		return headers.toString();
	}

	private static boolean noDelay(Channel channel) {
		return Boolean.TRUE.equals(channel.config().getOption(ChannelOption.TCP_NODELAY));
	}

	/** Records the server side of every accepted connection. */
	@TestConfiguration(proxyBeanMethods = false)
	static class ServerChannels {

		final List<Channel> accepted = new CopyOnWriteArrayList<>();

		@Bean
		NettyServerCustomizer recordAcceptedChannels() {
			return (server) -> server.doOnConnection((connection) -> this.accepted.add(connection.channel()));
		}

		Channel only() {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.accepted.size() == 1);
			return this.accepted.get(0);
		}

	}

}

package io.github.mediastreaming.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.format.MediaFormats;
import io.github.mediastreaming.source.MediaFile;
import io.github.mediastreaming.source.MediaStoreListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store whose GET answers its headers and the first bytes of the body, then stalls: a reader that stops
 * waiting (a client that hangs up mid-body, a plan build whose request went away) must abort the GET, so
 * the store's connection is closed at once, not held until the SDK's read timeout (30 s).
 */
class S3HangUpReviewTests {

	static final long SIZE = 1_000_000;

	final List<String> requests = new CopyOnWriteArrayList<>();

	final MediaStoreListener recorder = new MediaStoreListener() {
		@Override
		public void requested(String operation, Outcome outcome, long nanos) {
			S3HangUpReviewTests.this.requests.add(operation + ":" + outcome.id());
		}
	};

	StallingS3 fake;

	S3AsyncClient client;

	@BeforeEach
	void start() throws IOException {
		System.setProperty("aws.accessKeyId", "review");
		System.setProperty("aws.secretAccessKey", "review-secret");
		this.fake = new StallingS3();
		this.client = new S3ClientSettings(this.fake.endpoint(), "us-east-1", true, 10, Duration.ofSeconds(5))
			.newClient();
	}

	@AfterEach
	void stop() throws IOException {
		this.client.close();
		this.fake.close();
	}

	@Test
	void aStreamCancelledMidBodyClosesTheStoresConnection() throws Exception {
		MediaSource source = open();
		Disposable body = source
			.stream(0, SIZE, DefaultDataBufferFactory.sharedInstance, 8192, 0, Schedulers.boundedElastic())
			.subscribe(DataBufferUtils::release, (ex) -> {
			});
		assertThat(this.fake.bodyStarted.await(10, TimeUnit.SECONDS)).as("GET answered").isTrue();
		body.dispose();
		assertThat(this.fake.getClosed.await(5, TimeUnit.SECONDS))
			.as("the store's connection closed after the hang-up (requests: %s)", this.requests)
			.isTrue();
	}

	@Test
	void aBlockingReadWhoseThreadIsInterruptedClosesTheStoresConnection() throws Exception {
		MediaSource source = open();
		// As a plan build on the blocking scheduler whose request went away: the worker is interrupted.
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Disposable read = Mono.fromCallable(() -> {
			try {
				return source.read(0, 100);
			}
			catch (IOException ex) {
				failure.set(ex);
				throw ex;
			}
		}).subscribeOn(Schedulers.boundedElastic()).subscribe((bytes) -> {
		}, (ex) -> {
		});
		assertThat(this.fake.bodyStarted.await(10, TimeUnit.SECONDS)).as("GET answered").isTrue();
		read.dispose();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(failure.get()).isInstanceOf(java.io.InterruptedIOException.class));
		assertThat(this.fake.getClosed.await(5, TimeUnit.SECONDS))
			.as("the store's connection closed once the read was abandoned (requests: %s)", this.requests)
			.isTrue();
	}

	private MediaSource open() {
		S3MediaStore store = new S3MediaStore(this.client, new S3Location("bucket", ""), ReadAheadSettings.DEFAULTS,
				new MediaFormats(List.of()), this.recorder);
		MediaFile file = store.find("object.bin").block(Duration.ofSeconds(10));
		assertThat(file.sizeBytes()).isEqualTo(SIZE);
		return store.open(file);
	}

	/**
	 * Answers HEAD with a 1 MB object and GET with a 206 whose body stops after 1,000 bytes; notes when a
	 * GET's connection is closed by the client. Bound to 127.0.0.1 on a port in 20500-20599.
	 */
	static final class StallingS3 implements AutoCloseable {

		final CountDownLatch bodyStarted = new CountDownLatch(1);

		final CountDownLatch getClosed = new CountDownLatch(1);

		private final ServerSocket server;

		private final List<Socket> sockets = new CopyOnWriteArrayList<>();

		StallingS3() throws IOException {
			this.server = bind();
			Thread acceptor = new Thread(this::accept, "stalling-s3");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		private static ServerSocket bind() throws IOException {
			for (int port = 20500; port < 20600; port++) {
				try {
					return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
				}
				catch (IOException ex) {
					// Taken: next.
				}
			}
			throw new IOException("No free port in 20500-20599");
		}

		URI endpoint() {
			return URI.create("http://127.0.0.1:" + this.server.getLocalPort());
		}

		private void accept() {
			while (!this.server.isClosed()) {
				try {
					Socket socket = this.server.accept();
					this.sockets.add(socket);
					Thread connection = new Thread(() -> serve(socket), "stalling-s3-connection");
					connection.setDaemon(true);
					connection.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private void serve(Socket socket) {
			try (socket) {
				InputStream in = socket.getInputStream();
				OutputStream out = socket.getOutputStream();
				while (true) {
					String head = readHead(in);
					if (head == null) {
						return;
					}
					if (head.startsWith("HEAD ")) {
						out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + SIZE
								+ "\r\nETag: \"0123456789abcdef\"\r\nLast-Modified: Thu, 01 Jan 2026 00:00:00 GMT\r\n"
								+ "Content-Type: application/octet-stream\r\n\r\n")
							.getBytes(StandardCharsets.US_ASCII));
						out.flush();
						continue;
					}
					long[] range = range(head);
					long length = range[1] - range[0] + 1;
					out.write(("HTTP/1.1 206 Partial Content\r\nContent-Length: " + length + "\r\nContent-Range: bytes "
							+ range[0] + "-" + range[1] + "/" + SIZE
							+ "\r\nETag: \"0123456789abcdef\"\r\nContent-Type: application/octet-stream\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
					out.write(new byte[1000]);
					out.flush();
					this.bodyStarted.countDown();
					socket.setSoTimeout(20_000);
					try {
						while (in.read() >= 0) {
							// Drain until the client closes.
						}
						this.getClosed.countDown();
					}
					catch (SocketTimeoutException ex) {
						// Still open after 20 s.
					}
					catch (IOException ex) {
						this.getClosed.countDown();
					}
					return;
				}
			}
			catch (IOException ex) {
				// Connection gone.
			}
		}

		private static long[] range(String head) {
			for (String line : head.split("\r\n")) {
				if (line.regionMatches(true, 0, "Range:", 0, 6)) {
					String spec = line.substring(line.indexOf('=') + 1).trim();
					int dash = spec.indexOf('-');
					return new long[] { Long.parseLong(spec.substring(0, dash)), Long.parseLong(spec.substring(dash + 1)) };
				}
			}
			return new long[] { 0, SIZE - 1 };
		}

		private static String readHead(InputStream in) throws IOException {
			StringBuilder head = new StringBuilder();
			int c;
			while ((c = in.read()) >= 0) {
				head.append((char) c);
				if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
					return head.toString();
				}
			}
			return null;
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			for (Socket socket : this.sockets) {
				socket.close();
			}
		}

	}

}

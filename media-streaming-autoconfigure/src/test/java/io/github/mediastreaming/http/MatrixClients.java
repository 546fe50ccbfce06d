package io.github.mediastreaming.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients of {@link HttpFeatureMatrixTests}: each sends a HEAD or GET and then a GET of one target,
 * and returns both answers with the bytes actually received, over HTTP/1.1 (written and read byte by
 * byte, in clear text or over TLS) or HTTP/2 (Java's client).
 */
final class MatrixClients {

	private MatrixClients() {
	}

	/**
	 * An answer: status, header fields (names as sent) and the body bytes received.
	 *
	 * @param status the status code
	 * @param headers the header fields
	 * @param body the body
	 */
	record Answer(int status, Map<String, List<String>> headers, byte[] body) {

		@Nullable String header(String name) {
			List<String> values = values(name);
			return values.isEmpty() ? null : values.get(0);
		}

		List<String> values(String name) {
			List<String> values = new ArrayList<>();
			this.headers.forEach((key, value) -> {
				if (key.equalsIgnoreCase(name)) {
					values.addAll(value);
				}
			});
			return values;
		}

		@Override
		public String toString() {
			return this.status + " " + this.headers + " " + this.body.length + " bytes";
		}

	}

	/** Sends a HEAD or GET, then a GET of the same target with the same fields. */
	interface Wire {

		List<Answer> exchange(String firstMethod, String target, List<String> headers) throws Exception;

	}

	/**
	 * HTTP/1.1 written and read byte by byte. In clear text both requests go on a new connection that the
	 * GET closes, and after the GET's declared body the connection must end, so every byte sent is counted;
	 * over TLS both go on one connection kept for every case (see {@link #exchangeKeptAlive}).
	 *
	 * @param port the server's port
	 * @param tls the TLS client's sockets, {@code null} in clear text
	 * @param kept the TLS connections kept open, by port
	 */
	record Http1Wire(int port, @Nullable SSLSocketFactory tls, Map<Integer, KeptConnection> kept) implements Wire {

		@Override
		public List<Answer> exchange(String firstMethod, String target, List<String> headers) throws Exception {
			if (this.tls != null) {
				return exchangeKeptAlive(this.tls, firstMethod, target, headers);
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
				socket.setSoTimeout(10_000);
				OutputStream out = socket.getOutputStream();
				InputStream in = new BufferedInputStream(socket.getInputStream());
				out.write(request(firstMethod, target, headers, false));
				out.flush();
				Answer first = read(in, firstMethod.equals("HEAD"), false);
				out.write(request("GET", target, headers, true));
				out.flush();
				Answer second = read(in, false, true);
				assertThat(in.read()).as("bytes past the declared body of GET " + target).isEqualTo(-1);
				return List.of(first, second);
			}
		}

		/**
		 * Both requests on the connection the previous case left open: a byte past a declared body breaks
		 * the next answer's status line instead of the end of the stream.
		 */
		private List<Answer> exchangeKeptAlive(SSLSocketFactory sockets, String firstMethod, String target,
				List<String> headers) throws Exception {
			Map<Integer, KeptConnection> kept = this.kept;
			KeptConnection connection = kept.get(this.port);
			if (connection == null) {
				Socket socket = sockets.createSocket("127.0.0.1", this.port);
				socket.setSoTimeout(10_000);
				connection = new KeptConnection(socket, new BufferedInputStream(socket.getInputStream()));
				kept.put(this.port, connection);
			}
			try {
				OutputStream out = connection.socket().getOutputStream();
				out.write(request(firstMethod, target, headers, false));
				out.flush();
				Answer first = read(connection.in(), firstMethod.equals("HEAD"), false);
				out.write(request("GET", target, headers, false));
				out.flush();
				Answer second = read(connection.in(), false, false);
				if ("close".equalsIgnoreCase(first.header("Connection"))
						|| "close".equalsIgnoreCase(second.header("Connection"))) {
					throw new IOException("The server closed a keep-alive connection");
				}
				return List.of(first, second);
			}
			catch (Exception | AssertionError ex) {
				kept.remove(this.port);
				connection.socket().close();
				throw ex;
			}
		}

		private static byte[] request(String method, String target, List<String> headers, boolean close) {
			StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
			headers.forEach((header) -> request.append(header).append("\r\n"));
			request.append(close ? "Connection: close\r\n" : "").append("\r\n");
			return request.toString().getBytes(StandardCharsets.ISO_8859_1);
		}

		private static Answer read(InputStream in, boolean head, boolean toTheEnd) throws IOException {
			String[] lines = readHead(in).split("\r\n");
			int status = Integer.parseInt(lines[0].substring(9, 12));
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.computeIfAbsent(lines[i].substring(0, colon).trim(), (name) -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).trim());
			}
			Answer answer = new Answer(status, headers, new byte[0]);
			if (head || status == 304 || status == 204) {
				return answer;
			}
			byte[] body;
			String length = answer.header("Content-Length");
			if ("chunked".equalsIgnoreCase(answer.header("Transfer-Encoding"))) {
				assertThat(length).as("Content-Length beside chunked").isNull();
				body = chunks(in);
			}
			else if (length != null) {
				body = in.readNBytes(Integer.parseInt(length));
				assertThat(body).as("the body Content-Length declares").hasSize(Integer.parseInt(length));
			}
			else {
				assertThat(toTheEnd).as("a keep-alive answer without a length").isTrue();
				body = in.readAllBytes();
			}
			return new Answer(status, headers, body);
		}

		private static String readHead(InputStream in) throws IOException {
			StringBuilder head = new StringBuilder();
			while (head.length() < 4 || head.lastIndexOf("\r\n\r\n") != head.length() - 4) {
				int b = in.read();
				if (b < 0) {
					throw new IOException("Connection closed in a response header: " + head);
				}
				head.append((char) b);
			}
			return head.substring(0, head.length() - 4);
		}

		private static byte[] chunks(InputStream in) throws IOException {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			while (true) {
				StringBuilder line = new StringBuilder();
				for (int b = in.read(); b != '\n'; b = in.read()) {
					if (b < 0) {
						throw new IOException("Connection closed in a chunk size");
					}
					line.append((char) b);
				}
				int size = Integer.parseInt(line.toString().trim(), 16);
				if (size == 0) {
					in.readNBytes(2);
					return body.toByteArray();
				}
				body.write(in.readNBytes(size));
				in.readNBytes(2);
			}
		}

	}

	/**
	 * An open HTTP/1.1 connection over TLS.
	 *
	 * @param socket the connection
	 * @param in its buffered input
	 */
	record KeptConnection(Socket socket, InputStream in) {

	}

	/** HTTP/2 over TLS with Java's client, on its one connection to the server. */
	record Http2Wire(HttpClient client, int port) implements Wire {

		@Override
		public List<Answer> exchange(String firstMethod, String target, List<String> headers) throws Exception {
			return List.of(send(firstMethod, target, headers), send("GET", target, headers));
		}

		private Answer send(String method, String target, List<String> headers) throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + this.port + target))
				.timeout(Duration.ofSeconds(10))
				.method(method, HttpRequest.BodyPublishers.noBody());
			for (String header : headers) {
				int colon = header.indexOf(':');
				request.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
			}
			HttpResponse<byte[]> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
			Map<String, List<String>> fields = new LinkedHashMap<>();
			response.headers().map().forEach((name, values) -> {
				if (!name.startsWith(":")) {
					fields.put(name, values);
				}
			});
			return new Answer(response.statusCode(), fields, response.body());
		}

	}

}

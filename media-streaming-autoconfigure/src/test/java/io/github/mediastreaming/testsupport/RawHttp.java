package io.github.mediastreaming.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Sends a request line exactly as written over a plain socket, so tests can send paths that HTTP client
 * libraries would normalise or re-encode ({@code /media/../x}).
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Send {@code GET target HTTP/1.1} and read the whole response (the connection is closed after it).
	 * @param port the server port on 127.0.0.1
	 * @param target the request target, sent verbatim
	 * @param headers extra header lines, such as {@code "Range: bytes=0-"}; a {@code Host} line replaces
	 * the default ({@code 127.0.0.1})
	 * @return the response: status code and the full text (headers and body)
	 * @throws IOException if the exchange fails or takes over 10 s
	 */
	public static Response get(int port, String target, String... headers) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request(target, headers).append("Connection: close\r\n\r\n")
				.toString()
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			in.transferTo(response);
			String text = response.toString(StandardCharsets.ISO_8859_1);
			int status = Integer.parseInt(text.substring(9, 12));
			return new Response(status, text);
		}
	}

	/**
	 * Send {@code GET target HTTP/1.1}, read the first bytes of the response, then hang up abruptly (a
	 * reset, as a player that stops does), leaving the server mid-body.
	 * @param port the server port on 127.0.0.1
	 * @param target the request target
	 * @param headers extra header lines, such as {@code "Range: bytes=0-"}; a {@code Host} line replaces
	 * the default ({@code 127.0.0.1})
	 * @param bytes how many bytes of the response (headers included) to read first
	 * @throws IOException if the exchange fails or takes over 10 s
	 */
	public static void hangUpAfter(int port, String target, String[] headers, int bytes) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(request(target, headers).append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
			if (socket.getInputStream().readNBytes(bytes).length < bytes) {
				throw new IOException("The response ended before " + bytes + " bytes");
			}
			socket.setSoLinger(true, 0);
		}
	}

	private static StringBuilder request(String target, String[] headers) {
		StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\n");
		if (Arrays.stream(headers).noneMatch((header) -> header.regionMatches(true, 0, "Host:", 0, 5))) {
			request.append("Host: 127.0.0.1\r\n");
		}
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		return request;
	}

	/**
	 * Open a socket to the server, for tests that write requests byte by byte.
	 * @param port the server port on 127.0.0.1
	 * @return the connected socket, reads timing out after 10 s
	 * @throws IOException if it cannot connect within 5 s
	 */
	public static Socket connect(int port) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		socket.setSoTimeout(10_000);
		return socket;
	}

	/**
	 * Read a response's status line and header fields, up to and with the blank line that ends them.
	 * @param in the connection's input
	 * @return the head as ISO-8859-1 text
	 * @throws IOException if the connection ends before the head does
	 */
	public static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("Connection closed in a response header: " + head);
			}
			head.append((char) b);
		}
		return head.toString();
	}

	/**
	 * Send a request and read its answer whole (by its {@code Content-Length}; a 204, 304 or an answer to
	 * HEAD has no body), then send {@code GET next} with a {@code Range: bytes=0-9} on the same connection
	 * and return the second answer's head: what a player's next request on a keep-alive connection gets.
	 * @param port the server port on 127.0.0.1
	 * @param first the first request's line and header fields, without {@code Host} and the blank line
	 * that ends them, such as {@code "HEAD /media/a.mp3 HTTP/1.1"}
	 * @param next the second request's target
	 * @return both answers' heads
	 * @throws IOException if the exchange fails
	 * @throws AssertionError if the second request is not answered within 10 s
	 */
	public static KeptAlive twoOnOneConnection(int port, String first, String next) throws IOException {
		try (Socket socket = connect(port)) {
			OutputStream out = socket.getOutputStream();
			InputStream in = new BufferedInputStream(socket.getInputStream());
			out.write((first + "\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			String firstHead = readHead(in);
			Response answer = new Response(Integer.parseInt(firstHead.substring(9, 12)), firstHead);
			String length = answer.header("Content-Length");
			boolean bodyless = first.startsWith("HEAD ") || answer.status() == 204 || answer.status() == 304;
			if (!bodyless && length == null) {
				throw new AssertionError("An answer without a length: " + firstHead);
			}
			in.readNBytes(bodyless ? 0 : Integer.parseInt(length));
			out.write(("GET " + next + " HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=0-9\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			try {
				return new KeptAlive(firstHead, readHead(in));
			}
			catch (SocketTimeoutException ex) {
				throw new AssertionError("The request after '" + first + "' was never answered", ex);
			}
		}
	}

	/**
	 * The heads of two answers on one connection.
	 *
	 * @param first the first answer's head
	 * @param next the second answer's head
	 */
	public record KeptAlive(String first, String next) {

	}

	/**
	 * A raw response.
	 *
	 * @param status the status code
	 * @param text headers and body as ISO-8859-1 text
	 */
	public record Response(int status, String text) {

		/** @return the status line and header fields, without the blank line that ends them */
		public String head() {
			int end = this.text.indexOf("\r\n\r\n");
			return (end >= 0) ? this.text.substring(0, end) : this.text;
		}

		/**
		 * Return a header field's value (the first, when it is repeated), its name matched ignoring case.
		 * @param name the field name
		 * @return the value, trimmed, or {@code null} without the field
		 */
		public @Nullable String header(String name) {
			for (String line : head().split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
					return line.substring(colon + 1).trim();
				}
			}
			return null;
		}

	}

}

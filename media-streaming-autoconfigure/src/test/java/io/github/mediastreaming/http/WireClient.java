package io.github.mediastreaming.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.mediastreaming.testsupport.RawHttp;
import org.jspecify.annotations.Nullable;

/**
 * One keep-alive HTTP/1.1 connection written byte for byte: a request goes out exactly as given, and its
 * response is read by the framing it declares (Content-Length, chunked, or to the connection's end), so a
 * test can check that the framing is right and that the connection still answers the next request.
 */
final class WireClient implements AutoCloseable {

	private final Socket socket;

	private final InputStream in;

	WireClient(int port) throws IOException {
		this.socket = RawHttp.connect(port);
		this.in = this.socket.getInputStream();
	}

	/**
	 * Send raw bytes and read one response (after any 100 Continue).
	 * @param request the request bytes, sent verbatim
	 * @param head whether the request is a HEAD (its response has no body)
	 * @return the response
	 * @throws IOException if the connection fails or ends before a whole response
	 */
	Answer exchange(byte[] request, boolean head) throws IOException {
		this.socket.getOutputStream().write(request);
		this.socket.getOutputStream().flush();
		return read(head);
	}

	Answer exchange(String request, boolean head) throws IOException {
		return exchange(request.getBytes(StandardCharsets.ISO_8859_1), head);
	}

	Answer read(boolean head) throws IOException {
		while (true) {
			String text = RawHttp.readHead(this.in);
			Answer answer = parseHead(text);
			if (answer.status() == 100) {
				continue;
			}
			byte[] body;
			String encoding = answer.header("Transfer-Encoding");
			String length = answer.header("Content-Length");
			if (head || answer.status() == 204 || answer.status() == 304) {
				body = new byte[0];
			}
			else if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
				body = chunked();
			}
			else if (length != null) {
				int n = Integer.parseInt(length);
				body = this.in.readNBytes(n);
				if (body.length < n) {
					throw new EOFException("Body ended after " + body.length + " of " + n + " bytes: " + text);
				}
			}
			else {
				body = this.in.readAllBytes();
			}
			return new Answer(answer.status(), answer.headers(), body);
		}
	}

	/**
	 * Wait for the server to close the connection, skipping whatever it still sends (the body of an answer to
	 * a request it could not read as a HEAD).
	 * @param timeoutMillis how long to wait for the end
	 * @return the bytes skipped, or -1 if the connection did not end in time
	 * @throws IOException if setting the timeout fails
	 */
	long skipToEnd(int timeoutMillis) throws IOException {
		int old = this.socket.getSoTimeout();
		this.socket.setSoTimeout(timeoutMillis);
		long skipped = 0;
		try {
			while (this.in.read() >= 0) {
				skipped++;
			}
			return skipped;
		}
		catch (SocketTimeoutException ex) {
			return -1;
		}
		catch (IOException ex) {
			return skipped; // reset
		}
		finally {
			if (!this.socket.isClosed()) {
				this.socket.setSoTimeout(old);
			}
		}
	}

	private byte[] chunked() throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			String line = line();
			int size = Integer.parseInt(line.split(";")[0].trim(), 16);
			if (size == 0) {
				while (!line().isEmpty()) {
					// trailers
				}
				return body.toByteArray();
			}
			byte[] chunk = this.in.readNBytes(size);
			if (chunk.length < size) {
				throw new EOFException("Chunk ended early");
			}
			body.write(chunk);
			line();
		}
	}

	private String line() throws IOException {
		StringBuilder line = new StringBuilder();
		int b;
		while ((b = this.in.read()) != '\n') {
			if (b < 0) {
				throw new EOFException("Connection ended in a chunk header");
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

	private static Answer parseHead(String text) {
		String[] lines = text.split("\r\n");
		int status = Integer.parseInt(lines[0].substring(9, 12));
		List<String[]> headers = new ArrayList<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.add(new String[] { lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim() });
			}
		}
		return new Answer(status, headers, new byte[0]);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * A response.
	 *
	 * @param status the status code
	 * @param headers the header fields, in order
	 * @param body the body as framed
	 */
	record Answer(int status, List<String[]> headers, byte[] body) {

		@Nullable String header(String name) {
			for (String[] header : this.headers) {
				if (header[0].equalsIgnoreCase(name)) {
					return header[1];
				}
			}
			return null;
		}

		int count(String name) {
			int n = 0;
			for (String[] header : this.headers) {
				if (header[0].equalsIgnoreCase(name)) {
					n++;
				}
			}
			return n;
		}

		String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder().append(this.status);
			for (String[] header : this.headers) {
				text.append(" | ").append(header[0]).append(": ").append(header[1]);
			}
			String body = bodyText();
			return text.append(" || ").append(body.length() > 300 ? body.substring(0, 300) + "..." : body).toString();
		}

	}

}

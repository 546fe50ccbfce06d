package io.github.mediastreaming.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The few HTTP/2 frames a test writes by hand to behave as no client library lets it (never refill a
 * window, hang up with a reset): a TLS connection, the connection preface, a GET, and counting a stream's DATA.
 */
final class RawHttp2 {

	/** The client's connection preface and an empty SETTINGS frame (the default settings and windows). */
	static final byte[] PREFACE = preface();

	private RawHttp2() {
	}

	/**
	 * Open a TLS connection with a small receive buffer (a client that stops reading stalls the server
	 * soon), offering one application protocol.
	 */
	static SSLSocket connect(SSLContext context, int port, String protocol) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(4096);
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		return handshake(context, socket, protocol);
	}

	/**
	 * Start TLS over a connected socket, offering one application protocol; closing the plain socket
	 * hangs up without TLS's close_notify, as a client that vanishes does.
	 */
	static SSLSocket handshake(SSLContext context, Socket socket, String protocol) throws IOException {
		SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
		SSLParameters parameters = tls.getSSLParameters();
		parameters.setApplicationProtocols(new String[] { protocol });
		tls.setSSLParameters(parameters);
		tls.setSoTimeout(10_000);
		tls.startHandshake();
		return tls;
	}

	/** A GET as one HEADERS frame (END_STREAM, END_HEADERS), its fields as HPACK literals by hand. */
	static byte[] get(int streamId, String path) {
		ByteArrayOutputStream block = new ByteArrayOutputStream();
		block.write(0x82); // :method GET (static table 2)
		block.write(0x87); // :scheme https (static table 7)
		literal(block, 4, path); // :path, name from static table 4, not indexed
		literal(block, 1, "127.0.0.1"); // :authority, name from static table 1
		byte[] payload = block.toByteArray();
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(0);
		frame.write(payload.length >> 8);
		frame.write(payload.length);
		frame.write(0x1); // HEADERS
		frame.write(0x5); // END_STREAM | END_HEADERS
		frame.write(streamId >> 24);
		frame.write(streamId >> 16);
		frame.write(streamId >> 8);
		frame.write(streamId);
		frame.writeBytes(payload);
		return frame.toByteArray();
	}

	private static void literal(ByteArrayOutputStream block, int nameIndex, String value) {
		byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
		block.write(nameIndex); // literal without indexing, indexed name (4-bit prefix)
		block.write(bytes.length); // no Huffman, under 127
		block.writeBytes(bytes);
	}

	/** Read frames until {@code bytes} of DATA arrived on the stream; return how many did. */
	static long readData(InputStream in, int streamId, long bytes) throws IOException {
		long data = 0;
		while (data < bytes) {
			byte[] header = in.readNBytes(9);
			if (header.length < 9) {
				break;
			}
			int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
			int type = header[3];
			int id = ((header[5] & 0x7f) << 24) | ((header[6] & 0xff) << 16) | ((header[7] & 0xff) << 8)
					| (header[8] & 0xff);
			byte[] payload = in.readNBytes(length);
			if (type == 0 && id == streamId) {
				data += payload.length;
			}
		}
		return data;
	}

	/**
	 * Read frames until the stream is reset or the connection goes away.
	 * @return 3 (RST_STREAM) for the stream, 7 (GOAWAY), or -1 at the end of the connection
	 */
	static int readEnd(InputStream in, int streamId) throws IOException {
		while (true) {
			byte[] header = in.readNBytes(9);
			if (header.length < 9) {
				return -1;
			}
			int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
			int type = header[3];
			int id = ((header[5] & 0x7f) << 24) | ((header[6] & 0xff) << 16) | ((header[7] & 0xff) << 8)
					| (header[8] & 0xff);
			in.readNBytes(length);
			if ((type == 3 && id == streamId) || type == 7) {
				return type;
			}
		}
	}

	/** An RST_STREAM frame cancelling a stream (error code CANCEL), as a player abandoning a request. */
	static byte[] cancel(int streamId) {
		return new byte[] { 0, 0, 4, 0x3, 0, (byte) (streamId >> 24), (byte) (streamId >> 16), (byte) (streamId >> 8),
				(byte) streamId, 0, 0, 0, 0x8 };
	}

	/** Read frames until {@code bytes} of DATA arrived, on any streams; return how many did. */
	static long readAnyData(InputStream in, long bytes) throws IOException {
		long data = 0;
		while (data < bytes) {
			byte[] header = in.readNBytes(9);
			if (header.length < 9) {
				break;
			}
			int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
			byte[] payload = in.readNBytes(length);
			if (header[3] == 0) {
				data += payload.length;
			}
		}
		return data;
	}

	private static byte[] preface() {
		ByteArrayOutputStream preface = new ByteArrayOutputStream();
		preface.writeBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		preface.writeBytes(new byte[] { 0, 0, 0, 0x4, 0, 0, 0, 0, 0 }); // length 0, SETTINGS, no flags, stream 0
		return preface.toByteArray();
	}

}

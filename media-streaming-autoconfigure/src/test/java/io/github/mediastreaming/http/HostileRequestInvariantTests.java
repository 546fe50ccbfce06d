package io.github.mediastreaming.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of generated hostile requests, from a fixed seed, over raw keep-alive connections to a server
 * with CORS, seeking and the actuator endpoint: path tricks (dot segments, encoded slashes, NULs, overlong
 * UTF-8, backslashes, path parameters, characters URIs do not allow), seek parameters that are not numbers,
 * malformed and overflowing ranges, odd validators and origins, other methods, bodies on a GET, chunked or
 * behind {@code Expect: 100-continue}, HTTP/1.0. Every answer must keep the invariants, whatever the request:
 * no 5xx; a 4xx under the media prefix is a problem detail; the body is exactly as long as framed (a 206 as
 * its {@code Content-Range} says); the connection then answers another request, or the server closes it
 * after saying so; and nothing is logged above DEBUG. A failing case is printed with its number to replay.
 * (HTTP/1.0 requests are answered in HTTP/1.0 without keep-alive: the client goes after each.)
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = HostileRequestInvariantTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.auto-rate=false", "media.streaming.flv.time-parameter=t",
				"media.streaming.cors.allowed-origins=" + HostileRequestInvariantTests.PLAYER,
				"management.endpoints.web.exposure.include=media,health" })
class HostileRequestInvariantTests {

	static final String PLAYER = "https://player.example";

	private static final int CASES = 2500;

	private static final byte[] CLIP = new byte[5000];

	static {
		new Random(7).nextBytes(CLIP);
	}

	private static final Path ROOT = Fixtures.root("hostile-requests", (root) -> {
		Fixtures.copy(root, "mp3/cbr.mp3", "tone.mp3");
		Fixtures.copy(root, "flv/h264aac.flv", "clip.flv");
		Fixtures.copy(root, "mp4/bframes.mp4", "movie.mp4");
		Files.write(root.resolve("clip.bin"), CLIP);
		Files.createDirectories(root.resolve("sub"));
		Files.writeString(root.resolve("sub/inner.bin"), "inner");
		Files.writeString(root.resolve(".hidden.bin"), "hidden");
	});

	private static final String[] FILES = { "/media/tone.mp3", "/media/clip.flv", "/media/movie.mp4", "/media/clip.bin",
			"/media/sub/inner.bin", "/media/missing.mp4", "/media/sub/", "/media", "/media/", "/media/.hidden.bin",
			"/actuator/media", "/actuator/media/clip.bin", "/actuator/media/tone.mp3", "/actuator/health", "/other" };

	private static final String[] SEGMENTS = { "..", ".", "%2e%2e", "%2E", "%2f", "%2F", "%5c", "%00", "%25", "%252e",
			"%c0%ae%c0%ae", "%c0%af", "%e0%80%ae", "\\", "..\\", "clip.bin;x", ";", "", "%", "%z", "%zz", "a|b", "{x}",
			"[x]", "%ef%bc%8f", "\u00e9", "caf%C3%A9", ".hidden.bin", "~", "a:b", "C:", "%20", "+", "%3b", "%3f", "%23",
			"a".repeat(300), "\u0000" };

	private static final String[] PARAMETERS = { "start", "end", "t", "x", "expires", "signature", "", "START" };

	private static final String[] VALUES = { "1", "0", "-0", "-1", "1e309", "1E3", "NaN", "Infinity", "0x10", "1.5", "1.",
			".5", "99999999999", "999999999999", "6.666666666666667", "0.000000001", "", "+1", "%2B1", "%zz", "%", "5",
			"3", "123456789012345678", "9999999999999999999", "a", "\u00e9", "1%00", "1 2", "1+2", "%31", "2,5",
			"9".repeat(40), "1".repeat(33) };

	private static final String[] RANGES = { "bytes=0-9", "bytes=-0", "bytes=5-3", "bytes=0-", "bytes=-1", "bytes=4999-",
			"bytes=5000-", "bytes=99999999999999999999-", "bytes=0-99999999999999999999", "bytes=-9223372036854775808",
			"bytes=9223372036854775807-", "bytes=0-9223372036854775807", "bytes = 0-9", " bytes=0-9", "BYTES=0-9",
			"items=0-9", "bytes=", "bytes=-", "bytes=--5", "bytes=0-0,-0", "bytes=0-1,2-3", "bytes=+5-", "bytes=0x10-",
			"bytes=\u00e9", "bytes=0-9;x", "bytes=" + "0-1,".repeat(150) + "0-1", "bytes=1-1, 1-1", "bytes=0--9" };

	private static final String[] VALIDATORS = { "If-None-Match: *", "If-None-Match: \"x\"", "If-None-Match: ,,,",
			"If-None-Match: \"", "If-None-Match: W/\"x\", *", "If-Match: *", "If-Match: \"x\"", "If-Match: garbage",
			"If-Match: ", "If-Modified-Since: garbage", "If-Modified-Since: Sun, 31 Dec 9999 23:59:59 GMT",
			"If-Modified-Since: Mon, 01 Jan 0001 00:00:00 GMT", "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT",
			"If-Modified-Since: Sunday, 06-Nov-94 08:49:37 GMT", "If-Modified-Since: Sun Nov  6 08:49:37 1994",
			"If-Unmodified-Since: Thu, 01 Jan 1970 00:00:00 GMT", "If-Unmodified-Since: garbage", "If-Range: garbage",
			"If-Range: \"x\"", "If-Range: W/\"x\"", "If-Range: Thu, 01 Jan 1970 00:00:00 GMT", "If-Range: \"" };

	private static final String[] ORIGINS = { PLAYER, "https://evil.example", "null", "%%%", "", "http://[::1",
			"javascript:alert(1)", "https://player.example/page.html", "HTTPS://PLAYER.EXAMPLE" };

	private static final String[] OTHER_METHODS = { "OPTIONS", "POST", "PUT", "DELETE", "PATCH", "TRACE", "FOO", "get" };

	private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void everyAnswerKeepsTheInvariants(CapturedOutput output) throws Exception {
		Random random = new Random(20261201);
		List<String> failures = new ArrayList<>();
		int[] statuses = new int[600];
		WireClient client = new WireClient(this.port);
		try {
			for (int n = 0; n < CASES && failures.size() < 20; n++) {
				Case request = generate(random);
				try {
					WireClient.Answer answer = client.exchange(request.bytes(), request.head());
					statuses[answer.status()]++;
					String broken = check(request, answer);
					if (broken != null) {
						failures.add("#" + n + " " + broken + ": " + request + " -> " + answer);
					}
					if (request.http10()) {
						// The server answers HTTP/1.0 without keep-alive (RFC 9112 section 9.3): a client goes.
						client.close();
						client = new WireClient(this.port);
						continue;
					}
					if ("close".equalsIgnoreCase(answer.header("Connection"))) {
						long skipped = client.skipToEnd(5000);
						if (skipped < 0) {
							failures.add("#" + n + " not closed after " + answer + ": " + request);
						}
						else if (skipped > 0 && request.head() && request.lineReadable()) {
							failures.add("#" + n + " a body after the answer to a HEAD: " + request);
						}
						client.close();
						client = new WireClient(this.port);
						continue;
					}
					WireClient.Answer next = client.exchange(
							"GET /media/clip.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=10-19\r\n\r\n", false);
					if (next.status() != 206 || !Arrays.equals(next.body(), Arrays.copyOfRange(CLIP, 10, 20))) {
						failures.add("#" + n + " the next request got " + next + " after: " + request);
					}
				}
				catch (IOException ex) {
					failures.add("#" + n + " " + ex + ": " + request);
					client.close();
					client = new WireClient(this.port);
				}
			}
		}
		finally {
			client.close();
		}
		assertThat(failures).isEmpty();
		// Not vacuous: the requests met every kind of answer.
		assertThat(statuses[200]).isPositive();
		assertThat(statuses[206]).isPositive();
		assertThat(statuses[304]).isPositive();
		assertThat(statuses[400] + statuses[403] + statuses[404] + statuses[405] + statuses[412] + statuses[416])
			.isGreaterThan(CASES / 4);
		for (int status : new int[] { 400, 403, 404, 405, 412, 416 }) {
			assertThat(statuses[status]).as("answers %d", status).isPositive();
		}
		Thread.sleep(300);
		// Spring's static resource handler, not the starter's, warns of a dot segment in a path outside the media
		// prefix (/actuator/../health): hardening.md's promise is for the starter's routes and Reactor Netty.
		assertThat(output.getAll().lines()
			.filter((line) -> line.contains(" WARN ") || line.contains(" ERROR "))
			.filter((line) -> !line.contains("o.s.w.r.resource.ResourceHandlerUtils"))).isEmpty();
	}

	/** Return what an answer breaks, {@code null} if nothing. */
	private static String check(Case request, WireClient.Answer answer) {
		int status = answer.status();
		if (status >= 500) {
			return "a server error";
		}
		String length = answer.header("Content-Length");
		if (!request.head() && length != null && Long.parseLong(length) != answer.body().length) {
			return "Content-Length " + length + " for a body of " + answer.body().length;
		}
		if (answer.count("Content-Length") > 1 || (length != null && answer.header("Transfer-Encoding") != null)) {
			return "two framings";
		}
		if (status == 206) {
			Matcher range = CONTENT_RANGE.matcher(String.valueOf(answer.header("Content-Range")));
			if (!range.matches() || length == null
					|| Long.parseLong(range.group(2)) - Long.parseLong(range.group(1)) + 1 != Long.parseLong(length)
					|| Long.parseLong(range.group(2)) >= Long.parseLong(range.group(3))) {
				return "a 206 whose Content-Range does not match its length";
			}
			if (!request.head() && request.path().equals("/media/clip.bin") && !Arrays.equals(answer.body(),
					Arrays.copyOfRange(CLIP, Integer.parseInt(range.group(1)), Integer.parseInt(range.group(2)) + 1))) {
				return "a 206 with other bytes than its Content-Range";
			}
		}
		if (status == 416 && !String.valueOf(answer.header("Content-Range")).matches("bytes \\*/\\d+")) {
			return "a 416 without Content-Range: bytes */length";
		}
		if (status >= 400 && request.mediaRoute()) {
			if (!"application/problem+json".equals(answer.header("Content-Type"))) {
				return "a " + status + " under the media prefix that is not a problem detail";
			}
			if (!request.head() && !answer.bodyText().contains("\"status\":" + status)) {
				return "a problem detail of another status";
			}
		}
		return null;
	}

	private static Case generate(Random random) {
		String method = pick(random, 10) < 6 ? "GET" : pick(random, 4) < 3 ? "HEAD" : pick(random, OTHER_METHODS);
		String path = pick(random, FILES);
		boolean mediaRoute = path.startsWith("/media");
		if (random.nextInt(3) == 0) {
			path = mutate(random, path);
		}
		StringBuilder target = new StringBuilder(path);
		int parameters = random.nextInt(5) - 1;
		for (int i = 0; i < parameters; i++) {
			target.append((i == 0) ? '?' : '&').append(pick(random, PARAMETERS));
			if (random.nextInt(8) != 0) {
				target.append('=').append(pick(random, VALUES));
			}
		}
		if (random.nextInt(40) == 0) {
			target.insert(0, "http://127.0.0.1");
		}
		boolean http10 = random.nextInt(20) == 0;
		StringBuilder request = new StringBuilder(method).append(' ').append(target)
			.append(http10 ? " HTTP/1.0\r\n" : " HTTP/1.1\r\n");
		if (!http10 || random.nextBoolean()) {
			request.append("Host: 127.0.0.1\r\n");
		}
		boolean keepAlive = http10 && random.nextBoolean();
		if (keepAlive) {
			request.append("Connection: keep-alive\r\n");
		}
		if (random.nextInt(3) == 0) {
			request.append("Range: ").append(random.nextInt(4) == 0 ? randomRange(random) : pick(random, RANGES))
				.append("\r\n");
		}
		if (random.nextInt(10) == 0) {
			request.append("Range: ").append(pick(random, RANGES)).append("\r\n");
		}
		if (random.nextInt(4) == 0) {
			request.append(pick(random, VALIDATORS)).append("\r\n");
		}
		if (random.nextInt(8) == 0) {
			request.append("Origin: ").append(pick(random, ORIGINS)).append("\r\n");
			if (method.equals("OPTIONS") || random.nextInt(4) == 0) {
				request.append("Access-Control-Request-Method: ").append(random.nextBoolean() ? "GET" : "DELETE")
					.append("\r\n");
			}
		}
		if (random.nextInt(20) == 0) {
			request.append("Accept: ").append(pick(random, new String[] { "text/html", "application/xml", "*/*;q=0",
					"image/png", "application/problem+json;q=0" })).append("\r\n");
		}
		if (random.nextInt(25) == 0) {
			request.append("Connection: close\r\n");
		}
		String body = "";
		switch (random.nextInt(30)) {
			case 0 -> {
				body = "hello";
				request.append("Content-Length: 5\r\n");
			}
			case 1 -> {
				body = "5\r\nhello\r\n0\r\n\r\n";
				request.append("Transfer-Encoding: chunked\r\n");
			}
			case 2 -> {
				body = "hello";
				request.append("Expect: 100-continue\r\nContent-Length: 5\r\n");
			}
			case 3 -> request.append("Expect: 100-continue\r\n");
			default -> {
			}
		}
		request.append("\r\n").append(body);
		return new Case(request.toString(), method.equals("HEAD"), path, mediaRoute, http10, keepAlive,
				target.indexOf(" ") < 0);
	}

	/** Put a trick segment in a path below its first segment, or encode or double one of its characters. */
	private static String mutate(Random random, String path) {
		int first = path.indexOf('/', 1);
		if (first < 0) {
			return path + "/" + pick(random, SEGMENTS);
		}
		switch (random.nextInt(4)) {
			case 0 -> {
				int at = first + random.nextInt(path.length() - first);
				int slash = path.lastIndexOf('/', at);
				return path.substring(0, slash + 1) + pick(random, SEGMENTS) + "/" + path.substring(slash + 1);
			}
			case 1 -> {
				int at = first + 1 + random.nextInt(Math.max(1, path.length() - first - 1));
				if (at >= path.length()) {
					return path + "%2e";
				}
				return path.substring(0, at) + String.format("%%%02X", (int) path.charAt(at)) + path.substring(at + 1);
			}
			case 2 -> {
				return path.substring(0, first) + "/" + path.substring(first);
			}
			default -> {
				return path + (random.nextBoolean() ? "/" : pick(random, SEGMENTS));
			}
		}
	}

	private static String randomRange(Random random) {
		long a = (random.nextBoolean()) ? random.nextInt(6000) : random.nextLong();
		long b = (random.nextBoolean()) ? random.nextInt(6000) : random.nextLong();
		return switch (random.nextInt(3)) {
			case 0 -> "bytes=" + a + "-" + b;
			case 1 -> "bytes=" + Math.abs(a) + "-";
			default -> "bytes=-" + Math.abs(b);
		};
	}

	private static int pick(Random random, int bound) {
		return random.nextInt(bound);
	}

	private static String pick(Random random, String[] choices) {
		return choices[random.nextInt(choices.length)];
	}

	/**
	 * One generated request.
	 *
	 * @param text the bytes, as ISO-8859-1 text
	 * @param head whether it is a HEAD
	 * @param path its path, before the query
	 * @param mediaRoute whether its path is under the media prefix
	 * @param http10 whether it is an HTTP/1.0 request
	 * @param keepAlive whether it is an HTTP/1.0 request asking to keep the connection
	 * @param lineReadable whether its request line is three tokens (no space in its target)
	 */
	record Case(String text, boolean head, String path, boolean mediaRoute, boolean http10, boolean keepAlive,
			boolean lineReadable) {

		byte[] bytes() {
			return this.text.getBytes(StandardCharsets.ISO_8859_1);
		}

		@Override
		public String toString() {
			String shown = this.text.replace("\r\n", "\\r\\n");
			return (shown.length() > 400) ? shown.substring(0, 400) + "..." : shown;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}

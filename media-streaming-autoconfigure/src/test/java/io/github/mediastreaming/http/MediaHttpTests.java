package io.github.mediastreaming.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Random;

import io.github.mediastreaming.testsupport.RawHttp;
import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain HTTP file serving against the real Reactor Netty server: statuses, headers, ranges,
 * preconditions, problem details and path safety. Pacing is off here; it has its own tests.
 */
@SpringBootTest(classes = MediaHttpTests.TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.auto-rate=false", "media.streaming.mp4.faststart=false",
				"media.streaming.cache-control=public, max-age=600" })
class MediaHttpTests {

	private static final byte[] CONTENT = randomBytes(100_000);

	private static final String SECRET = "TOP-SECRET-OUTSIDE-ROOT";

	private static final Path BASE = createBase();

	static final Path ROOT = BASE.resolve("root");

	@LocalServerPort
	int port;

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
	void getServesTheWholeFileWithLengthValidatorsAndAcceptRanges() {
		this.client.get()
			.uri("/media/clip.bin")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentLength(CONTENT.length)
			.expectHeader()
			.valueEquals(HttpHeaders.ACCEPT_RANGES, "bytes")
			.expectHeader()
			.exists(HttpHeaders.ETAG)
			.expectHeader()
			.exists(HttpHeaders.LAST_MODIFIED)
			.expectBody(byte[].class)
			.isEqualTo(CONTENT);
	}

	@Test
	void headSendsTheHeadersOfGetWithoutABody() {
		this.client.head()
			.uri("/media/clip.bin")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentLength(CONTENT.length)
			.expectHeader()
			.valueEquals(HttpHeaders.ACCEPT_RANGES, "bytes")
			.expectBody()
			.isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "a.flv, video/x-flv", "a.mp4, video/mp4", "a.m4v, video/mp4", "a.m4a, audio/mp4",
			"a.mp3, audio/mpeg", "a.ogg, audio/ogg", "a.oga, audio/ogg", "a.opus, audio/ogg", "a.webm, video/webm",
			"a.mkv, video/x-matroska", "a.avi, video/x-msvideo", "a.wav, audio/wav", "a.mov, video/quicktime",
			"a.3gp, video/3gpp", "a.3g2, video/3gpp2", "a.f4v, video/mp4", "clip.bin, application/octet-stream" })
	void everyMediaFormatHasItsContentType(String file, String contentType) {
		this.client.head()
			.uri("/media/types/" + file)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.parseMediaType(contentType));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "bytes=10-19|10|19", "bytes=99990-|99990|99999", "bytes=-50|99950|99999",
			"bytes=99000-200000|99000|99999", "bytes=0-0|0|0", "bytes=-200000|0|99999" })
	void singleRangeGetsPartialContentWithContentRange(String range, int first, int last) {
		byte[] body = this.client.get()
			.uri("/media/clip.bin")
			.header(HttpHeaders.RANGE, range)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.PARTIAL_CONTENT)
			.expectHeader()
			.valueEquals(HttpHeaders.CONTENT_RANGE, "bytes " + first + "-" + last + "/" + CONTENT.length)
			.expectHeader()
			.contentLength(last - first + 1)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(body).isEqualTo(Arrays.copyOfRange(CONTENT, first, last + 1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "bytes=100000-", "bytes=200000-300000", "bytes=-0" })
	void unsatisfiableRangeGets416WithContentRangeAndAProblemWhoseLengthIsRight(String range) {
		this.client.get()
			.uri("/media/clip.bin")
			.header(HttpHeaders.RANGE, range)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
			.expectHeader()
			.valueEquals(HttpHeaders.CONTENT_RANGE, "bytes */" + CONTENT.length)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(416)
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("100000 bytes"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "bytes=0-9,20-29", "bytes=abc", "items=0-9", "bytes=9-0" })
	void multipleOrMalformedRangesGetTheWholeFile(String range) {
		this.client.get()
			.uri("/media/clip.bin")
			.header(HttpHeaders.RANGE, range)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentLength(CONTENT.length);
	}

	@Test
	void ifRangeWithTheCurrentEtagHonoursTheRange() {
		String etag = etag();
		this.client.get()
			.uri("/media/clip.bin")
			.header(HttpHeaders.RANGE, "bytes=0-9")
			.header(HttpHeaders.IF_RANGE, etag)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.PARTIAL_CONTENT);
	}

	@Test
	void ifRangeWithAStaleValidatorGetsTheWholeFile() {
		this.client.get()
			.uri("/media/clip.bin")
			.header(HttpHeaders.RANGE, "bytes=0-9")
			.header(HttpHeaders.IF_RANGE, "\"stale\"")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentLength(CONTENT.length);
	}

	@Test
	void theConfiguredCacheControlGoesOnFullPartialAndNotModifiedResponsesButNotOnProblems() {
		this.client.get().uri("/media/clip.bin").exchange().expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=600");
		this.client.get().uri("/media/clip.bin").header(HttpHeaders.RANGE, "bytes=0-9").exchange().expectStatus()
			.isEqualTo(HttpStatus.PARTIAL_CONTENT).expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=600");
		this.client.get().uri("/media/clip.bin").header(HttpHeaders.IF_NONE_MATCH, etag()).exchange().expectStatus()
			.isNotModified().expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=600");
		this.client.get().uri("/media/missing.bin").exchange().expectStatus().isNotFound().expectHeader()
			.doesNotExist(HttpHeaders.CACHE_CONTROL);
	}

	@Test
	void ifNoneMatchWithTheCurrentEtagGets304() {
		this.client.get()
			.uri("/media/clip.bin")
			.header(HttpHeaders.IF_NONE_MATCH, etag())
			.exchange()
			.expectStatus()
			.isNotModified()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, etag())
			.expectBody()
			.isEmpty();
	}

	@Test
	void ifModifiedSinceTheLastModificationGets304() {
		String lastModified = lastModified();
		this.client.get()
			.uri("/media/clip.bin")
			.header(HttpHeaders.IF_MODIFIED_SINCE, lastModified)
			.exchange()
			.expectStatus()
			.isNotModified();
	}

	@Test
	void aMalformedEntityTagHeaderIsIgnoredWithoutDisablingTheOtherPreconditions() {
		String lastModified = lastModified();
		this.client.get()
			.uri("/media/clip.bin")
			.header(HttpHeaders.IF_NONE_MATCH, "\"unterminated")
			.header(HttpHeaders.IF_MODIFIED_SINCE, lastModified)
			.exchange()
			.expectStatus()
			.isNotModified();
		this.client.get()
			.uri("/media/clip.bin")
			.header(HttpHeaders.IF_MODIFIED_SINCE, "yesterday")
			.header(HttpHeaders.IF_MATCH, "\"other\"")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.PRECONDITION_FAILED);
	}

	@Test
	void aHeadThatIsNotModifiedClaimsNoTransferCodingTheGetWouldNotUse() throws IOException {
		// RFC 9112 section 6.1: Transfer-Encoding on a HEAD or 304 says what an unconditional GET would use;
		// that GET has a Content-Length. WebTestClient hides Transfer-Encoding, so this reads the wire.
		String head;
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("HEAD /media/clip.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nIf-None-Match: " + etag()
						+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			head = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
		assertThat(head).startsWith("HTTP/1.1 304");
		assertThat(head.toLowerCase(java.util.Locale.ROOT)).doesNotContain("transfer-encoding");
		assertThat(RawHttp.get(this.port, "/media/clip.bin", "If-None-Match: " + etag()).text()
			.toLowerCase(java.util.Locale.ROOT)).doesNotContain("transfer-encoding");
	}

	@Test
	void asctimeDatesWithASpacePaddedDayAreHonouredAsRfc9110Requires() {
		// RFC 9110 section 5.6.7: a recipient MUST accept all three date formats; asctime pads the day with a space.
		this.client.get()
			.uri("/media/clip.bin")
			.header(HttpHeaders.IF_MODIFIED_SINCE, "Sun Jan  1 00:00:00 2090")
			.exchange()
			.expectStatus()
			.isNotModified();
		this.client.get()
			.uri("/media/clip.bin")
			.header(HttpHeaders.IF_UNMODIFIED_SINCE, "Mon Jan  1 00:00:00 2001")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.PRECONDITION_FAILED);
	}

	@Test
	void ifModifiedSinceAnEarlierDateGetsTheFile() {
		this.client.get()
			.uri("/media/clip.bin")
			.ifModifiedSince(ZonedDateTime.now().minusYears(1))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void ifMatchWithAnotherEtagGets412() {
		this.client.get()
			.uri("/media/clip.bin")
			.header(HttpHeaders.IF_MATCH, "\"other\"")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.PRECONDITION_FAILED)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@ParameterizedTest
	@ValueSource(strings = { "POST", "PUT", "DELETE", "PATCH" })
	void otherMethodsGet405WithAllow(String method) {
		this.client.method(HttpMethod.valueOf(method))
			.uri("/media/clip.bin")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
			.expectHeader()
			.valueEquals(HttpHeaders.ALLOW, "GET, HEAD")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/media/missing.mp4", "/media/sub", "/media/sub/", "/media/.hidden.mp4",
			"/media/.git/config", "/media/" })
	void missingFilesDirectoriesAndHiddenFilesGet404ProblemsWithoutListing(String path) {
		this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404)
			.jsonPath("$.detail")
			.isEqualTo("No such media file");
	}

	@Test
	void filesInSubfoldersAreServed() {
		this.client.get().uri("/media/sub/inner.bin").exchange().expectStatus().isOk().expectBody(String.class)
			.isEqualTo("inner");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/media/../secret.txt", "/media/sub/../../secret.txt", "/media/%2e%2e/secret.txt",
			"/media/%2E%2E/secret.txt", "/media/..%2fsecret.txt", "/media/%2e%2e%2fsecret.txt",
			"/media/%252e%252e/secret.txt", "/media/..%5csecret.txt", "/media/..\\secret.txt",
			"/media//" + "BASE/secret.txt", "/media/escape/secret.txt", "/media/secret-link.txt",
			"/media/sub/%2e%2e/%2e%2e/secret.txt", "/media/%00secret.txt", "/media/.%2e/secret.txt" })
	void pathsThatLeaveTheRootNeverServeBytesFromOutside(String target) throws IOException {
		RawHttp.Response response = RawHttp.get(this.port, target.replace("BASE", BASE.toString().substring(1)));
		assertThat(response.status()).isIn(400, 404);
		assertThat(response.text()).doesNotContain(SECRET);
	}

	@Test
	void dotSegmentsAreRejectedWithAProblemDetail() throws IOException {
		RawHttp.Response response = RawHttp.get(this.port, "/media/../secret.txt");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text()).contains("application/problem+json").contains("Dot segments");
	}

	@Test
	void jdkHttpClientReceivesTheExactBytesAndRanges() throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		URI uri = URI.create("http://127.0.0.1:" + this.port + "/media/clip.bin");
		HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(whole.statusCode()).isEqualTo(200);
		assertThat(whole.body()).isEqualTo(CONTENT);
		HttpResponse<byte[]> range = http.send(HttpRequest.newBuilder(uri)
			.header("Range", "bytes=500-")
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(range.statusCode()).isEqualTo(206);
		assertThat(range.body()).isEqualTo(Arrays.copyOfRange(CONTENT, 500, CONTENT.length));
	}

	@Test
	void fileNamesWithSpacesAndUnicodeAreServed() {
		this.client.get()
			.uri("/media/{name}", "caf\u00e9 clip.bin")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("unicode");
	}

	private String lastModified() {
		return this.client.head()
			.uri("/media/clip.bin")
			.exchange()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getFirst(HttpHeaders.LAST_MODIFIED);
	}

	private String etag() {
		return this.client.head()
			.uri("/media/clip.bin")
			.exchange()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getETag();
	}

	private static Path createBase() {
		try {
			Path base = Files.createTempDirectory("media-http");
			// Deleted when the JVM ends, not after this class: subclasses serve the same files from other stores.
			Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(base.toFile())));
			Path root = Files.createDirectories(base.resolve("root"));
			Files.write(root.resolve("clip.bin"), CONTENT);
			Files.createDirectories(root.resolve("sub"));
			Files.writeString(root.resolve("sub/inner.bin"), "inner");
			Files.writeString(root.resolve(".hidden.mp4"), "hidden");
			Files.createDirectories(root.resolve(".git"));
			Files.writeString(root.resolve(".git/config"), "hidden");
			Files.writeString(root.resolve("caf\u00e9 clip.bin"), "unicode");
			Path types = Files.createDirectories(root.resolve("types"));
			for (String name : new String[] { "a.flv", "a.mp4", "a.m4v", "a.m4a", "a.mp3", "a.ogg", "a.oga", "a.opus",
					"a.webm", "a.mkv", "a.avi", "a.wav", "a.mov", "a.3gp", "a.3g2", "a.f4v", "clip.bin" }) {
				Files.writeString(types.resolve(name), "x");
			}
			Path outside = Files.createDirectories(base.resolve("outside"));
			Files.writeString(base.resolve("secret.txt"), SECRET);
			Files.writeString(outside.resolve("secret.txt"), SECRET);
			Files.createSymbolicLink(root.resolve("escape"), outside);
			Files.createSymbolicLink(root.resolve("secret-link.txt"), base.resolve("secret.txt"));
			return base;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		new Random(42).nextBytes(bytes);
		return bytes;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}

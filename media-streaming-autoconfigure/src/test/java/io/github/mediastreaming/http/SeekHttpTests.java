package io.github.mediastreaming.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import io.github.mediastreaming.index.IndexResult;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexService;
import io.github.mediastreaming.index.MediaVersion;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.testsupport.Ffmpeg;
import io.github.mediastreaming.testsupport.Fixtures;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ?start=} over the real server, for every seekable format whose fixtures exist: the rebuilt
 * document, its validators, Range on it, HEAD, and the 4xx problems for bad values. Pacing is off.
 */
@SpringBootTest(classes = SeekHttpTests.TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.auto-rate=false", "media.streaming.flv.time-parameter=t" })
class SeekHttpTests {

	static final Path ROOT = createRoot();

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
	void mp3SeekIsACompleteDecodableFileWithItsOwnEtag() throws IOException {
		byte[] body = this.client.get()
			.uri("/media/tone.mp3?start=5")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.parseMediaType("audio/mpeg"))
			.expectHeader()
			.valueEquals(HttpHeaders.ACCEPT_RANGES, "bytes")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(new String(body, 0, 3)).isEqualTo("ID3");
		assertThat(body.length).isLessThan((int) Files.size(ROOT.resolve("tone.mp3")));
		assertThat(etag("/media/tone.mp3?start=5")).isNotEqualTo(etag("/media/tone.mp3"))
			.isNotEqualTo(etag("/media/tone.mp3?start=6"))
			.isEqualTo(etag("/media/tone.mp3?start=5"));
		Ffmpeg.assumeInstalled();
		Path out = Files.write(Files.createTempFile("seek", ".mp3"), body);
		assertThat(Ffmpeg.decodeErrors(out)).isEmpty();
	}

	@Test
	void rangeOnASeekAddressesTheRebuiltDocument() {
		long length = this.client.head()
			.uri("/media/tone.mp3?start=5")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getContentLength();
		byte[] whole = this.client.get().uri("/media/tone.mp3?start=5").exchange().expectBody(byte[].class)
			.returnResult().getResponseBody();
		assertThat(whole).hasSize((int) length);
		byte[] tail = this.client.get()
			.uri("/media/tone.mp3?start=5")
			.header(HttpHeaders.RANGE, "bytes=100-")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.PARTIAL_CONTENT)
			.expectHeader()
			.valueEquals(HttpHeaders.CONTENT_RANGE, "bytes 100-" + (length - 1) + "/" + length)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(tail).isEqualTo(Arrays.copyOfRange(whole, 100, whole.length));
	}

	@Test
	void aSeeksPlanLeavesWithItsFilesIndex(@Autowired MediaIndexService indexService, @Autowired SeekPlanCache plans)
			throws Exception {
		this.client.get().uri("/media/tone.mp3?start=7").exchange().expectStatus().isOk();
		MediaVersion version = indexService.cache()
			.asMap()
			.keySet()
			.stream()
			.filter((candidate) -> candidate.key().endsWith("tone.mp3"))
			.findFirst()
			.orElseThrow();
		MediaIndex index = ((IndexResult.Indexed) indexService.cached(version).orElseThrow()).index();
		SeekRequest canonical = index.seeker().canonical(new SeekRequest.TimeRange(7, null, false));
		assertThat(plans.cached(version, canonical)).isNotNull();
		indexService.evict(version.key());
		// Dropped on the blocking scheduler, soon after.
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(plans.cached(version, canonical))
				.as("the plan would keep the dropped index alive").isNull());
	}

	@Test
	void conditionalGetOfASeekGets304() {
		this.client.get()
			.uri("/media/tone.mp3?start=5")
			.header(HttpHeaders.IF_NONE_MATCH, etag("/media/tone.mp3?start=5"))
			.exchange()
			.expectStatus()
			.isNotModified();
	}

	@ParameterizedTest
	@ValueSource(strings = { "If-None-Match: *", "If-Modified-Since: Sun, 01 Jan 2090 00:00:00 GMT",
			"If-Match: \"other\"", "If-Unmodified-Since: Mon, 01 Jan 2001 00:00:00 GMT" })
	void preconditionsDoNotTurnAnInvalidSeekIntoA304Or412(String header) {
		// RFC 9110 section 13.2.1: preconditions are ignored when the request without them is answered 4xx.
		int colon = header.indexOf(':');
		this.client.get()
			.uri("/media/tone.mp3?start=999")
			.header(header.substring(0, colon), header.substring(colon + 2))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@ParameterizedTest
	@ValueSource(strings = { "start=5&start=abc", "start=5&start=5", "start", "start=1&end=5&end=6", "end" })
	void aSeekParameterRepeatedOrWithoutAValueIsAProblemDetail(String query) {
		this.client.get()
			.uri("/media/tone.mp3?" + query)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "-1", "1e3", "NaN", "Infinity", "12.5.1", "999", "12.1" })
	void invalidMp3StartsAreProblemDetails(String start) {
		this.client.get()
			.uri("/media/tone.mp3?start={start}", start)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.detail")
			.isNotEmpty();
	}

	@Test
	void startOnAFormatThatCannotSeekIsAProblemDetail() {
		this.client.get()
			.uri("/media/tone.opus?start=1")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("not supported"));
	}

	@Test
	void startOnAFileThatCannotBeIndexedIsAProblemDetail() {
		this.client.get()
			.uri("/media/broken.mp3?start=1")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("could not be indexed"));
	}

	@Test
	void aTruncatedMp3SeeksWithinTheAudioItHoldsAndRejectsTimesBeyondIt() {
		this.client.get().uri("/media/truncated.mp3?start=5").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/media/truncated.mp3?start=9")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aFileThatCannotBeIndexedIsStillServed() {
		this.client.get().uri("/media/broken.mp3").exchange().expectStatus().isOk().expectBody(String.class)
			.isEqualTo("not an mp3 at all");
	}

	@Test
	void flvSeekByByteOffsetIsACompleteFlvWhoseLengthCountsTheNewHeader() throws IOException {
		byte[] body = this.client.get()
			.uri("/media/clip.flv?start=50000")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.parseMediaType("video/x-flv"))
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(Arrays.copyOf(body, 13)).containsExactly('F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0);
		long length = this.client.head().uri("/media/clip.flv?start=50000").exchange().returnResult(Void.class)
			.getResponseHeaders().getContentLength();
		assertThat(body).hasSize((int) length);
		Ffmpeg.assumeInstalled();
		Path out = Files.write(Files.createTempFile("seek", ".flv"), body);
		assertThat(Ffmpeg.decodeErrors(out)).isEmpty();
	}

	@Test
	void flvTimeParameterSeeksBySeconds() {
		byte[] byTime = this.client.get().uri("/media/clip.flv?t=3.5").exchange().expectStatus().isOk()
			.expectBody(byte[].class).returnResult().getResponseBody();
		byte[] byOffset = this.client.get().uri("/media/clip.flv?start=43300").exchange().expectStatus().isOk()
			.expectBody(byte[].class).returnResult().getResponseBody();
		assertThat(byTime).isEqualTo(byOffset);
	}

	@ParameterizedTest
	@ValueSource(strings = { "start=abc", "start=-5", "start=1.5", "start=99999999", "start=10&end=20", "t=100",
			"t=x", "start=10&t=2" })
	void invalidFlvSeeksAreProblemDetails(String query) {
		this.client.get()
			.uri("/media/clip.flv?" + query)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void mp4SeekWithEndIsACompleteMoovFirstFileThatDecodes() throws IOException {
		byte[] body = this.client.get()
			.uri("/media/movie.mp4?start=2.5&end=6")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.parseMediaType("video/mp4"))
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(new String(body, 4, 4)).isEqualTo("ftyp");
		assertThat(body.length).isLessThan((int) Files.size(ROOT.resolve("movie.mp4")));
		Ffmpeg.assumeInstalled();
		Path out = Files.write(Files.createTempFile("seek", ".mp4"), body);
		assertThat(Ffmpeg.decodeErrors(out)).isEmpty();
		assertThat(Ffmpeg.formatDuration(out)).isBetween(3.4, 3.6);
	}

	@Test
	void rangesOfAnMp4SeekAddressTheRebuiltDocumentAndStayConsistent() {
		String uri = "/media/movie.mp4?start=3";
		byte[] whole = this.client.get().uri(uri).exchange().expectBody(byte[].class).returnResult().getResponseBody();
		String etag = etag(uri);
		byte[] first = this.client.get().uri(uri).header(HttpHeaders.RANGE, "bytes=0-999").exchange()
			.expectStatus().isEqualTo(HttpStatus.PARTIAL_CONTENT)
			.expectHeader().valueEquals(HttpHeaders.CONTENT_RANGE, "bytes 0-999/" + whole.length)
			.expectBody(byte[].class).returnResult().getResponseBody();
		byte[] rest = this.client.get().uri(uri).header(HttpHeaders.RANGE, "bytes=1000-")
			.header(HttpHeaders.IF_RANGE, etag).exchange()
			.expectStatus().isEqualTo(HttpStatus.PARTIAL_CONTENT)
			.expectBody(byte[].class).returnResult().getResponseBody();
		byte[] joined = new byte[first.length + rest.length];
		System.arraycopy(first, 0, joined, 0, first.length);
		System.arraycopy(rest, 0, joined, first.length, rest.length);
		assertThat(joined).isEqualTo(whole);
	}

	@Test
	void aPlainGetOfAnMp4WithMoovAtTheEndIsServedMoovFirst() {
		byte[] body = this.client.get().uri("/media/moovend.mp4").exchange().expectStatus().isOk()
			.expectBody(byte[].class).returnResult().getResponseBody();
		assertThat(new String(body, 4, 4)).isEqualTo("ftyp");
		int ftypSize = ((body[0] & 0xFF) << 24) | ((body[1] & 0xFF) << 16) | ((body[2] & 0xFF) << 8) | (body[3] & 0xFF);
		assertThat(new String(body, ftypSize + 4, 4)).isEqualTo("moov");
		long length = this.client.head().uri("/media/moovend.mp4").exchange().returnResult(Void.class)
			.getResponseHeaders().getContentLength();
		assertThat(body).hasSize((int) length);
	}

	@Test
	void audioOnlyM4aSeeksToo() {
		this.client.get().uri("/media/song.m4a?start=4").exchange().expectStatus().isOk().expectHeader()
			.contentType(MediaType.parseMediaType("audio/mp4"));
	}

	@Test
	void fragmentedMp4SeekIsAClientErrorThatSaysWhy() {
		this.client.get()
			.uri("/media/fragmented.mp4?start=2")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("fragmented"));
		this.client.get().uri("/media/fragmented.mp4").exchange().expectStatus().isOk();
	}

	@ParameterizedTest
	@ValueSource(strings = { "start=8", "start=100", "start=-1", "start=abc", "start=3&end=2", "start=3&end=3",
			"end=0", "start=NaN" })
	void invalidMp4SeeksAreProblemDetails(String query) {
		this.client.get()
			.uri("/media/movie.mp4?" + query)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private String etag(String uri) {
		return this.client.head().uri(uri).exchange().returnResult(Void.class).getResponseHeaders().getETag();
	}

	private static Path createRoot() {
		return Fixtures.root("media-seek", (root) -> {
			Fixtures.copy(root, "mp3/cbr.mp3", "tone.mp3");
			Fixtures.copy(root, "probe/opus.opus", "tone.opus");
			Fixtures.copy(root, "flv/h264aac.flv", "clip.flv");
			Fixtures.copy(root, "mp4/bframes.mp4", "movie.mp4");
			Fixtures.copy(root, "mp4/moovend.mp4", "moovend.mp4");
			Fixtures.copy(root, "mp4/fragmented.mp4", "fragmented.mp4");
			Fixtures.copy(root, "mp4/audio.m4a", "song.m4a");
			Files.writeString(root.resolve("broken.mp3"), "not an mp3 at all");
			byte[] tone = Files.readAllBytes(root.resolve("tone.mp3"));
			Files.write(root.resolve("truncated.mp3"), Arrays.copyOf(tone, tone.length / 2));
		});
	}


	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}

package io.github.mediastreaming.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.net.ssl.SSLSocketFactory;

import io.github.mediastreaming.http.MatrixClients.Answer;
import io.github.mediastreaming.http.MatrixClients.Http1Wire;
import io.github.mediastreaming.http.MatrixClients.Http2Wire;
import io.github.mediastreaming.http.MatrixClients.KeptConnection;
import io.github.mediastreaming.http.MatrixClients.Wire;
import io.github.mediastreaming.signing.MediaUrlSigner;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.SelfSignedKeyStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP features crossed, each tested alone elsewhere: every request (plain, each kind of
 * {@code Range}, a {@code ?start=} seek on MP4, FLV and MP3, seek and Range, every precondition and
 * their combinations) as {@code GET} and as {@code HEAD}, over HTTP/1.1, HTTP/1.1 over TLS and HTTP/2 over
 * TLS, on a bare server and on one with signed URLs, CORS, a {@code Cache-Control} and pacing all on. Each
 * answer is checked for its status (RFC 9110), the bytes it sends against its {@code Content-Length}
 * (on HTTP/1.1 the HEAD and the GET share one connection, so a stray body byte breaks the next answer),
 * its {@code Content-Range}, validators (a seek's own, the same over every transport), the headers a HEAD
 * shares with its GET, and the features' headers. Bodies are compared with the reference documents the
 * bare server sends over HTTP/1.1, which are checked against the files first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpFeatureMatrixTests {

	static final String KEY = "the matrix's signing key, 32 bytes or more";

	static final String ORIGIN = "https://player.example";

	/** Lowered by a signed link's ten minutes left; bare servers send none. */
	static final String CACHE_CONTROL = "public, max-age=3600";

	private static final Pattern LIMITED_CACHE_CONTROL = Pattern.compile("public, max-age=(\\d+), must-revalidate");

	private static final Path ROOT = Fixtures.root("media-matrix", (root) -> {
		Fixtures.copy(root, "mp4/faststart.mp4", "movie.mp4");
		Fixtures.copy(root, "mp4/moovend.mp4", "late.mp4");
		Fixtures.copy(root, "flv/h264aac.flv", "clip.flv");
		Fixtures.copy(root, "mp3/cbr.mp3", "song.mp3");
	});

	/** The documents the cases ask for: files as they are, reordered, and seeks. */
	private static final List<DocumentKey> DOCUMENTS = List.of(new DocumentKey("movie.mp4", ""),
			new DocumentKey("late.mp4", ""), new DocumentKey("clip.flv", ""), new DocumentKey("song.mp3", ""),
			new DocumentKey("movie.mp4", "start=2"), new DocumentKey("late.mp4", "start=2.5&end=6"),
			new DocumentKey("clip.flv", "start=60000"), new DocumentKey("song.mp3", "start=3"));

	private static final SelfSignedKeyStore KEYS = SelfSignedKeyStore.create();

	private static final SSLSocketFactory TLS_SOCKETS = KEYS.clientContext().getSocketFactory();

	private final Map<Features, Map<Boolean, ConfigurableApplicationContext>> servers = new EnumMap<>(Features.class);

	private final Map<DocumentKey, Document> documents = new LinkedHashMap<>();

	/** One HTTP/1.1 connection per TLS server, kept alive: a handshake per case took most of the time. */
	private final Map<Integer, KeptConnection> tlsConnections = new LinkedHashMap<>();

	private final HttpClient http2 = HttpClient.newBuilder()
		.sslContext(KEYS.clientContext())
		.version(HttpClient.Version.HTTP_2)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@BeforeAll
	void startServersAndReadTheReferenceDocuments() throws Exception {
		for (Features features : Features.values()) {
			Map<Boolean, ConfigurableApplicationContext> byTls = new LinkedHashMap<>();
			byTls.put(false, start(features, false));
			byTls.put(true, start(features, true));
			this.servers.put(features, byTls);
		}
		for (DocumentKey key : DOCUMENTS) {
			Answer answer = Transport.HTTP1.wire(this, Features.BARE)
				.exchange("GET", key.target(null), List.of())
				.get(0);
			assertThat(answer.status()).as(key.toString()).isEqualTo(200);
			this.documents.put(key, new Document(key, answer.body(), answer.header("ETag"),
					answer.header("Last-Modified")));
		}
		for (String file : List.of("movie.mp4", "clip.flv", "song.mp3")) {
			assertThat(document(file, "").body()).isEqualTo(Files.readAllBytes(ROOT.resolve(file)));
		}
		Document late = document("late.mp4", "");
		assertThat(secondBox(late.body())).as("late.mp4 served moov first").isEqualTo("moov");
		assertThat(secondBox(Files.readAllBytes(ROOT.resolve("late.mp4")))).isNotEqualTo("moov");
		for (Document seek : this.documents.values()) {
			Document whole = document(seek.key().file(), "");
			if (seek != whole) {
				assertThat(seek.etag()).as(seek.key() + " has a validator of its own").isNotEqualTo(whole.etag());
				assertThat(seek.body().length).as(seek.key().toString()).isLessThan(whole.body().length);
			}
		}
		assertThat(secondBox(document("movie.mp4", "start=2").body())).isEqualTo("moov");
		assertThat(secondBox(document("late.mp4", "start=2.5&end=6").body())).isEqualTo("moov");
		assertThat(new String(document("clip.flv", "start=60000").body(), 0, 3, StandardCharsets.ISO_8859_1))
			.isEqualTo("FLV");
	}

	/** The type of an MP4's box after {@code ftyp}. */
	private static String secondBox(byte[] mp4) {
		assertThat(new String(mp4, 4, 4, StandardCharsets.ISO_8859_1)).isEqualTo("ftyp");
		int ftypSize = ((mp4[0] & 0xff) << 24) | ((mp4[1] & 0xff) << 16) | ((mp4[2] & 0xff) << 8) | (mp4[3] & 0xff);
		return new String(mp4, ftypSize + 4, 4, StandardCharsets.ISO_8859_1);
	}

	@AfterAll
	void stopServers() throws IOException {
		for (KeptConnection connection : this.tlsConnections.values()) {
			connection.socket().close();
		}
		this.servers.values().forEach((byTls) -> byTls.values().forEach(ConfigurableApplicationContext::close));
	}

	private static ConfigurableApplicationContext start(Features features, boolean tls) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", "0");
		properties.put("media.streaming.root", ROOT.toString());
		if (tls) {
			// The HTTP/1.1 connection kept for every case may sit idle between test methods for longer than
			// the 30 s header deadline on a loaded machine (CI failed so): keep it open for the class.
			properties.put("media.streaming.header-timeout", "30m");
			properties.put("server.http2.enabled", "true");
			properties.put("server.ssl.key-store", KEYS.file().toString());
			properties.put("server.ssl.key-store-type", "PKCS12");
			properties.put("server.ssl.key-store-password", SelfSignedKeyStore.PASSWORD);
		}
		if (features == Features.BARE) {
			properties.put("media.streaming.auto-rate", "false");
		}
		else {
			properties.put("media.streaming.signed-urls.enabled", "true");
			properties.put("media.streaming.signed-urls.keys[0]", KEY);
			properties.put("media.streaming.signed-urls.default-lifetime", "10m");
			properties.put("media.streaming.cors.allowed-origins[0]", ORIGIN);
			properties.put("media.streaming.cache-control", CACHE_CONTROL);
			// Paced for real (a 1 s boost, then sends of 10 ms each), but at 100 times the media's rate, so
			// the 8 s fixtures take a tenth of a second.
			properties.put("media.streaming.speedup-factor", "99");
			properties.put("media.streaming.initial-boost", "1s");
			properties.put("media.streaming.pacing-interval", "10ms");
		}
		return new SpringApplicationBuilder(TestApplication.class).properties(properties).run();
	}

	static Stream<Arguments> matrix() {
		List<Arguments> arguments = new ArrayList<>();
		for (Features features : Features.values()) {
			for (Transport transport : Transport.values()) {
				for (Case each : cases()) {
					arguments.add(Arguments.of(features, transport, each));
				}
			}
		}
		return arguments.stream();
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("matrix")
	void headAndGetAnswerAsRfc9110SaysWithTheBytesTheyDeclare(Features features, Transport transport, Case each)
			throws Exception {
		Document document = this.documents.get(new DocumentKey(each.file(), each.query()));
		Document whole = document(each.file(), "");
		Document requested = (document != null) ? document : whole;
		List<String> headers = new ArrayList<>(each.headers().apply(requested, whole));
		if (features == Features.GUARDED) {
			headers.add("Origin: " + ORIGIN);
		}
		String target = new DocumentKey(each.file(), each.query()).target(signer(features));
		List<Answer> answers = transport.wire(this, features).exchange("HEAD", target, headers);
		Answer head = answers.get(0);
		Answer get = answers.get(1);
		String what = features + " " + transport + " " + each;
		assertThat(get.status()).as(what + "\n" + get).isEqualTo(each.outcome().status());
		assertThat(head.status()).as(what + " HEAD\n" + head).isEqualTo(get.status());
		assertThat(head.body()).as(what + " HEAD body").isEmpty();
		assertThat(normalized(head.headers())).as(what + " HEAD's header fields are the GET's")
			.isEqualTo(normalized(get.headers()));
		String length = get.header("Content-Length");
		if (length != null) {
			assertThat(Long.parseLong(length)).as(what + " Content-Length").isEqualTo(get.body().length);
		}
		switch (each.outcome()) {
			case WHOLE -> {
				assertThat(get.body()).as(what).isEqualTo(requested.body());
				assertThat(length).as(what).isNotNull();
				assertThat(get.header("Content-Range")).as(what).isNull();
				assertRepresentation(what, get, requested, features);
			}
			case PARTIAL -> {
				long[] slice = each.slice().apply((long) requested.body().length);
				assertThat(get.body()).as(what)
					.isEqualTo(Arrays.copyOfRange(requested.body(), (int) slice[0], (int) slice[1] + 1));
				assertThat(get.header("Content-Range")).as(what)
					.isEqualTo("bytes " + slice[0] + "-" + slice[1] + "/" + requested.body().length);
				assertRepresentation(what, get, requested, features);
			}
			case NOT_MODIFIED -> {
				assertThat(get.body()).as(what).isEmpty();
				assertThat(get.header("ETag")).as(what).isEqualTo(requested.etag());
				assertThat(get.header("Last-Modified")).as(what).isEqualTo(requested.lastModified());
				assertCacheControl(what, get, features);
			}
			case UNSATISFIABLE -> {
				assertThat(get.header("Content-Range")).as(what).isEqualTo("bytes */" + requested.body().length);
				assertProblem(what, get);
			}
			case FAILED, BAD_REQUEST -> assertProblem(what, get);
		}
		if (features == Features.GUARDED) {
			assertThat(get.header("Access-Control-Allow-Origin")).as(what).isEqualTo(ORIGIN);
			assertThat(get.header("Access-Control-Expose-Headers")).as(what).contains("Content-Range", "ETag");
			assertThat(get.values("Vary")).as(what).anySatisfy((vary) -> assertThat(vary).contains("Origin"));
		}
		else {
			assertThat(get.header("Vary")).as(what + ": nothing varies without CORS").isNull();
			assertThat(get.header("Access-Control-Allow-Origin")).as(what).isNull();
		}
	}

	@ParameterizedTest
	@EnumSource(Features.class)
	void aSeekHasTheSameValidatorsOverEveryTransport(Features features) throws Exception {
		for (DocumentKey key : DOCUMENTS) {
			Document reference = this.documents.get(key);
			for (Transport transport : Transport.values()) {
				for (Answer answer : transport.wire(this, features)
					.exchange("HEAD", key.target(signer(features)), List.of("Range: bytes=0-0"))) {
					assertThat(answer.header("ETag")).as(features + " " + transport + " " + key)
						.isEqualTo(reference.etag());
					assertThat(answer.header("Last-Modified")).as(features + " " + transport + " " + key)
						.isEqualTo(reference.lastModified());
				}
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void anUnsignedRequestIsRefusedWithItsCorsHeadersOverEveryTransport(Transport transport) throws Exception {
		List<Answer> answers = transport.wire(this, Features.GUARDED)
			.exchange("HEAD", "/media/movie.mp4?start=2", List.of("Origin: " + ORIGIN, "Range: bytes=0-99"));
		for (Answer answer : answers) {
			assertThat(answer.status()).isEqualTo(403);
			assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
			assertThat(answer.header("Cache-Control")).isNull();
		}
		assertProblem(transport.toString(), answers.get(1));
	}

	private void assertRepresentation(String what, Answer get, Document requested, Features features) {
		assertThat(get.header("ETag")).as(what).isEqualTo(requested.etag());
		assertThat(get.header("Last-Modified")).as(what).isEqualTo(requested.lastModified());
		assertThat(get.header("Accept-Ranges")).as(what).isEqualTo("bytes");
		assertThat(get.header("Content-Type")).as(what).startsWith(contentType(requested.key().file()));
		assertCacheControl(what, get, features);
	}

	private static void assertCacheControl(String what, Answer answer, Features features) {
		String cacheControl = answer.header("Cache-Control");
		if (features == Features.BARE) {
			assertThat(cacheControl).as(what).isNull();
			return;
		}
		assertThat(cacheControl).as(what).isNotNull();
		Matcher matcher = LIMITED_CACHE_CONTROL.matcher(cacheControl);
		assertThat(matcher.matches()).as(what + ": " + cacheControl).isTrue();
		assertThat(Long.parseLong(matcher.group(1))).as(what).isBetween(1L, 600L);
	}

	private static void assertProblem(String what, Answer get) {
		assertThat(get.header("Content-Type")).as(what).isEqualTo("application/problem+json");
		assertThat(new String(get.body(), StandardCharsets.UTF_8)).as(what).contains("\"status\":" + get.status());
		assertThat(get.header("Cache-Control")).as(what + ": problems are not cached").isNull();
		assertThat(get.header("ETag")).as(what).isNull();
	}

	private static String contentType(String file) {
		return switch (file.substring(file.lastIndexOf('.') + 1)) {
			case "mp4" -> "video/mp4";
			case "flv" -> "video/x-flv";
			default -> "audio/mpeg";
		};
	}

	/** Header fields without those that may differ between two answers a second apart. */
	private static Map<String, List<String>> normalized(Map<String, List<String>> headers) {
		Map<String, List<String>> normalized = new TreeMap<>();
		headers.forEach((name, values) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			// Date ticks; the GET closes its connection, so only it says so.
			if (!lower.equals("date") && !lower.equals("connection")) {
				normalized.put(lower, lower.equals("cache-control")
						? values.stream().map((value) -> value.replaceAll("\\d+", "N")).toList() : values);
			}
		});
		return normalized;
	}

	private Document document(String file, String query) {
		return this.documents.get(new DocumentKey(file, query));
	}

	private @Nullable MediaUrlSigner signer(Features features) {
		return (features == Features.GUARDED)
				? this.servers.get(features).get(false).getBean(MediaUrlSigner.class) : null;
	}

	private int port(Features features, boolean tls) {
		return ((WebServerApplicationContext) this.servers.get(features).get(tls)).getWebServer().getPort();
	}

	/** Every case, on every document it applies to. */
	static List<Case> cases() {
		List<Case> cases = new ArrayList<>();
		for (DocumentKey key : DOCUMENTS) {
			String f = key.file();
			String q = key.query();
			boolean seek = !q.isEmpty();
			cases.add(Case.whole("plain", f, q, (d, w) -> List.of()));
			cases.add(Case.partial("single range", f, q, (d, w) -> List.of("Range: bytes=100-199"),
					(n) -> new long[] { 100, 199 }));
			cases.add(Case.partial("suffix range", f, q, (d, w) -> List.of("Range: bytes=-100"),
					(n) -> new long[] { n - 100, n - 1 }));
			cases.add(Case.partial("open range", f, q, (d, w) -> List.of("Range: bytes=1000-"),
					(n) -> new long[] { 1000, n - 1 }));
			cases.add(Case.partial("range past the end", f, q, (d, w) -> List.of("Range: bytes=1000-99999999"),
					(n) -> new long[] { 1000, n - 1 }));
			cases.add(Case.whole("multi-range", f, q, (d, w) -> List.of("Range: bytes=0-9,20-29")));
			cases.add(Case.of("unsatisfiable range", f, q, Outcome.UNSATISFIABLE,
					(d, w) -> List.of("Range: bytes=" + d.body().length + "-")));
			cases.add(Case.of("If-None-Match matching", f, q, Outcome.NOT_MODIFIED,
					(d, w) -> List.of("If-None-Match: \"x\", " + d.etag())));
			cases.add(Case.of("If-None-Match weak matching", f, q, Outcome.NOT_MODIFIED,
					(d, w) -> List.of("If-None-Match: W/" + d.etag())));
			cases.add(Case.of("If-None-Match *", f, q, Outcome.NOT_MODIFIED, (d, w) -> List.of("If-None-Match: *")));
			cases.add(Case.whole("If-None-Match other", f, q, (d, w) -> List.of("If-None-Match: \"other\"")));
			cases.add(Case.of("If-Modified-Since the same", f, q, Outcome.NOT_MODIFIED,
					(d, w) -> List.of("If-Modified-Since: " + d.lastModified())));
			cases.add(Case.whole("If-Modified-Since earlier", f, q,
					(d, w) -> List.of("If-Modified-Since: Thu, 01 Jan 2004 00:00:00 GMT")));
			cases.add(Case.whole("If-None-Match other beats If-Modified-Since", f, q,
					(d, w) -> List.of("If-None-Match: \"other\"", "If-Modified-Since: " + d.lastModified())));
			cases.add(Case.of("If-None-Match matching with a Range", f, q, Outcome.NOT_MODIFIED,
					(d, w) -> List.of("If-None-Match: " + d.etag(), "Range: bytes=0-99")));
			cases.add(Case.of("If-Modified-Since with an unsatisfiable Range", f, q, Outcome.NOT_MODIFIED,
					(d, w) -> List.of("If-Modified-Since: " + d.lastModified(), "Range: bytes=99999999-")));
			cases.add(Case.partial("If-Range matching", f, q,
					(d, w) -> List.of("If-Range: " + d.etag(), "Range: bytes=100-199"), (n) -> new long[] { 100, 199 }));
			cases.add(Case.whole("If-Range stale", f, q,
					(d, w) -> List.of("If-Range: " + (seek ? w.etag() : "\"stale\""), "Range: bytes=100-199")));
			cases.add(Case.whole("If-Range weak", f, q,
					(d, w) -> List.of("If-Range: W/" + d.etag(), "Range: bytes=100-199")));
			cases.add(Case.partial("If-Range date", f, q,
					(d, w) -> List.of("If-Range: " + d.lastModified(), "Range: bytes=-50"), (n) -> new long[] { n - 50, n - 1 }));
			cases.add(Case.whole("If-Range earlier date", f, q,
					(d, w) -> List.of("If-Range: Thu, 01 Jan 2004 00:00:00 GMT", "Range: bytes=-50")));
			cases.add(Case.whole("If-Range stale with an unsatisfiable Range", f, q,
					(d, w) -> List.of("If-Range: \"stale\"", "Range: bytes=99999999-")));
			cases.add(Case.partial("If-None-Match other, If-Range matching", f, q,
					(d, w) -> List.of("If-None-Match: \"other\"", "If-Range: " + d.etag(), "Range: bytes=0-0"),
					(n) -> new long[] { 0, 0 }));
			cases.add(Case.partial("If-Match matching", f, q,
					(d, w) -> List.of("If-Match: " + d.etag(), "Range: bytes=100-"), (n) -> new long[] { 100, n - 1 }));
			cases.add(Case.of("If-Match other", f, q, Outcome.FAILED,
					(d, w) -> List.of("If-Match: " + (seek ? w.etag() : "\"other\""), "Range: bytes=100-")));
			cases.add(Case.of("If-Unmodified-Since earlier", f, q, Outcome.FAILED,
					(d, w) -> List.of("If-Unmodified-Since: Thu, 01 Jan 2004 00:00:00 GMT")));
			if (seek) {
				cases.add(Case.whole("If-None-Match the whole file's", f, q, (d, w) -> List.of("If-None-Match: " + w.etag())));
			}
		}
		BiFunction<Document, Document, List<String>> none = (d, w) -> List.of();
		cases.add(Case.of("start not a number", "movie.mp4", "start=abc", Outcome.BAD_REQUEST, none));
		cases.add(Case.of("start past the end", "movie.mp4", "start=999", Outcome.BAD_REQUEST, none));
		cases.add(Case.of("start past the end, If-None-Match *", "movie.mp4", "start=999", Outcome.BAD_REQUEST,
				(d, w) -> List.of("If-None-Match: *", "Range: bytes=0-9")));
		cases.add(Case.of("start past the end, If-Modified-Since", "song.mp3", "start=999", Outcome.BAD_REQUEST,
				(d, w) -> List.of("If-Modified-Since: " + w.lastModified())));
		cases.add(Case.of("start past the end, If-Match the file's", "song.mp3", "start=999", Outcome.BAD_REQUEST,
				(d, w) -> List.of("If-Match: " + w.etag())));
		cases.add(Case.of("start twice", "movie.mp4", "start=2&start=3", Outcome.BAD_REQUEST, none));
		cases.add(Case.of("end before start", "late.mp4", "start=3&end=2", Outcome.BAD_REQUEST, none));
		cases.add(Case.of("negative start", "song.mp3", "start=-1", Outcome.BAD_REQUEST,
				(d, w) -> List.of("Range: bytes=0-9")));
		cases.add(Case.of("FLV offset past the end", "clip.flv", "start=99999999", Outcome.BAD_REQUEST, none));
		cases.add(Case.of("FLV end", "clip.flv", "start=0&end=2", Outcome.BAD_REQUEST, none));
		return cases;
	}

	/** What a server has on besides the media routes. */
	enum Features {

		/** Nothing: unpaced, unsigned, no CORS, no Cache-Control. */
		BARE,

		/** Signed URLs, CORS, a Cache-Control and pacing. */
		GUARDED

	}

	/** How the client talks to the server. */
	enum Transport {

		/** HTTP/1.1 in clear text, HEAD and GET on one connection that the GET closes. */
		HTTP1,

		/** HTTP/1.1 over TLS (no ALPN) to the TLS server, which offers HTTP/2 too; one kept-alive connection. */
		HTTP1_TLS,

		/** HTTP/2 over TLS (ALPN), Java's client. */
		HTTP2_TLS;

		Wire wire(HttpFeatureMatrixTests tests, Features features) {
			return switch (this) {
				case HTTP1 -> new Http1Wire(tests.port(features, false), null, tests.tlsConnections);
				case HTTP1_TLS -> new Http1Wire(tests.port(features, true), TLS_SOCKETS, tests.tlsConnections);
				case HTTP2_TLS -> new Http2Wire(tests.http2, tests.port(features, true));
			};
		}

	}

	/** The status classes a case expects. */
	enum Outcome {

		WHOLE(200), PARTIAL(206), NOT_MODIFIED(304), UNSATISFIABLE(416), FAILED(412), BAD_REQUEST(400);

		private final int status;

		Outcome(int status) {
			this.status = status;
		}

		int status() {
			return this.status;
		}

	}

	/**
	 * One request of the matrix.
	 *
	 * @param name what it asks
	 * @param file the file below the root
	 * @param query the seek parameters, empty for none
	 * @param outcome what it must get
	 * @param headers its header fields, from the requested document and the whole file's
	 * @param slice the range a 206 holds, from the document's length
	 */
	record Case(String name, String file, String query, Outcome outcome,
			BiFunction<Document, Document, List<String>> headers, Function<Long, long[]> slice) {

		static Case of(String name, String file, String query, Outcome outcome,
				BiFunction<Document, Document, List<String>> headers) {
			return new Case(name, file, query, outcome, headers, (n) -> new long[0]);
		}

		static Case whole(String name, String file, String query, BiFunction<Document, Document, List<String>> headers) {
			return of(name, file, query, Outcome.WHOLE, headers);
		}

		static Case partial(String name, String file, String query,
				BiFunction<Document, Document, List<String>> headers, Function<Long, long[]> slice) {
			return new Case(name, file, query, Outcome.PARTIAL, headers, slice);
		}

		@Override
		public String toString() {
			return this.file + (this.query.isEmpty() ? "" : "?" + this.query) + " " + this.name;
		}

	}

	/**
	 * A document's address: a file, and the seek parameters that cut it.
	 *
	 * @param file the file below the root
	 * @param query the seek parameters, empty for none
	 */
	record DocumentKey(String file, String query) {

		String target(@Nullable MediaUrlSigner signer) {
			String path = "/media/" + this.file;
			if (signer == null) {
				return this.query.isEmpty() ? path : path + "?" + this.query;
			}
			String signed = signer.sign(path);
			return this.query.isEmpty() ? signed : signed + "&" + this.query;
		}

		@Override
		public String toString() {
			return this.file + (this.query.isEmpty() ? "" : "?" + this.query);
		}

	}

	/**
	 * A reference document as the bare server sends it.
	 *
	 * @param key its address
	 * @param body its bytes
	 * @param etag its entity tag
	 * @param lastModified its Last-Modified
	 */
	record Document(DocumentKey key, byte[] body, String etag, String lastModified) {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}

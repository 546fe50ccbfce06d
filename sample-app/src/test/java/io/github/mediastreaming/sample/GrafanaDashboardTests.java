package io.github.mediastreaming.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.mediastreaming.signing.MediaUrlSigner;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code docs/grafana-dashboard.json} against what the sample app really exports: the app runs with
 * the Prometheus registry and its own configuration (plus signed URLs, a bandwidth cap, no boost, and a small socket
 * send buffer so that a slow client shows as one), traffic makes every meter exist (a range, a seek, a
 * hung-up paced stream read slowly, a file that cannot be indexed, a refused link), then every query of
 * every panel and variable must name exported series, with labels they have. Conversely, every
 * {@code media_*} meter the app exports must be on the dashboard.
 */
@SpringBootTest(classes = { SampleApplication.class, GrafanaDashboardTests.SmallSendBuffer.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.signed-urls.enabled=true",
				"media.streaming.signed-urls.keys[0]=a key for the dashboard test, 32+ bytes",
				"media.streaming.initial-boost=0s", "media.streaming.bandwidth.total-limit=1GB" })
class GrafanaDashboardTests {

	private static final Path DASHBOARD = Path.of("../docs/grafana-dashboard.json");

	private static final Path ROOT = createRoot();

	/** Labels Prometheus adds when it scrapes a target; the app's own exposition has none. */
	private static final Set<String> TARGET_LABELS = Set.of("instance", "job");

	/**
	 * Series the Observation API's default handlers derive from the {@code media.stream} observation: the
	 * same streams as {@code media_streams_*}, left off the dashboard on purpose.
	 */
	private static final Pattern OBSERVATION_FAMILIES = Pattern.compile("media_stream_(active_)?seconds");

	@LocalServerPort
	int port;

	@Autowired
	MediaUrlSigner signer;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void extractsMetricsMatchersAndGroupingLabelsButNotFunctionsOrKeywords() {
		PromQlSelectors query = new PromQlSelectors(
				"histogram_quantile(0.95, sum by (le, kind) (rate(a_bucket{x=\"1\", y=~\"$y\"}[$__rate_interval]))) / on() b_total * 8");
		assertThat(query.selectors).extracting(PromQlSelectors.Selector::metric).containsExactly("a_bucket", "b_total");
		assertThat(query.selectors.get(0).matchers()).extracting((m) -> m[0] + m[1] + m[2]).containsExactly("x=1", "y=~$y");
		assertThat(query.groupingLabels).containsExactly("le", "kind");
	}

	@Test
	void everyDashboardQueryNamesMetersAndLabelsTheAppExports() throws Exception {
		produceTraffic();
		Map<String, Map<String, Set<String>>> series = PromQlSelectors.series(scrape());
		List<String> queries = queries(JsonMapper.builder().build().readTree(Files.readString(DASHBOARD)));
		assertThat(queries).hasSizeGreaterThan(15);
		Set<String> named = new LinkedHashSet<>();
		for (String query : queries) {
			PromQlSelectors selectors = new PromQlSelectors(query);
			assertThat(selectors.selectors).as(query).isNotEmpty();
			Set<String> labelsInQuery = new LinkedHashSet<>();
			for (PromQlSelectors.Selector selector : selectors.selectors) {
				assertThat(series).as("%s in %s", selector.metric(), query).containsKey(selector.metric());
				Map<String, Set<String>> labels = series.get(selector.metric());
				labelsInQuery.addAll(labels.keySet());
				named.add(family(selector.metric()));
				for (String[] matcher : selector.matchers()) {
					if (TARGET_LABELS.contains(matcher[0])) {
						continue;
					}
					assertThat(labels).as("label %s of %s in %s", matcher[0], selector.metric(), query)
						.containsKey(matcher[0]);
					if (matcher[1].equals("=") && !matcher[2].contains("$")) {
						assertThat(labels.get(matcher[0])).as("%s=\"%s\" in %s", matcher[0], matcher[2], query)
							.contains(matcher[2]);
					}
				}
			}
			for (String label : selectors.groupingLabels) {
				if (!TARGET_LABELS.contains(label)) {
					assertThat(labelsInQuery).as("grouping label %s in %s", label, query).contains(label);
				}
			}
		}
		Set<String> exported = new LinkedHashSet<>();
		series.keySet()
			.stream()
			.filter((name) -> name.startsWith("media_"))
			.map(GrafanaDashboardTests::family)
			.filter((family) -> !OBSERVATION_FAMILIES.matcher(family).matches())
			.forEach(exported::add);
		assertThat(named).as("media meters on the dashboard").containsAll(exported);
	}

	/** Every expression of the panels' targets, and the variables' label_values() queries as selectors. */
	private static List<String> queries(JsonNode dashboard) {
		List<String> queries = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.path("targets")) {
				queries.add(target.get("expr").asString());
			}
		}
		Pattern labelValues = Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)");
		for (JsonNode variable : dashboard.get("templating").get("list")) {
			if (variable.get("type").asString().equals("query")) {
				Matcher matcher = labelValues.matcher(variable.get("query").get("query").asString());
				assertThat(matcher.matches()).as(variable.toString()).isTrue();
				// label_values(metric, label) needs the metric to carry the label: a grouping by it says so.
				queries.add("sum by (" + matcher.group(2) + ") (" + matcher.group(1) + ")");
			}
		}
		return queries;
	}

	/** The family of a series: its name without a histogram's or timer's suffix. */
	private static String family(String name) {
		return name.replaceFirst("_(bucket|count|sum|max)$", "");
	}

	private void produceTraffic() throws Exception {
		WebTestClient client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(20))
			.build();
		client.get().uri(signed("/media/demo.mp3")).header(HttpHeaders.RANGE, "bytes=0-99").exchange()
			.expectStatus().isEqualTo(HttpStatus.PARTIAL_CONTENT);
		client.get().uri(URI.create(signed("/media/demo.mp3") + "&start=2")).header(HttpHeaders.RANGE, "bytes=0-999")
			.exchange().expectStatus().isEqualTo(HttpStatus.PARTIAL_CONTENT);
		client.get().uri(signed("/media/broken.mp4")).exchange().expectStatus().isOk();
		client.get().uri(signed("/media/missing.mp4")).exchange().expectStatus().isNotFound();
		client.get().uri("/media/demo.mp4").exchange().expectStatus().isForbidden();
		readSlowlyThenHangUp(signed("/media/demo.mp4").toString());
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(scrape())
			.contains("media_streams_hangups_total{")
			.contains("media_streams_client_wait_seconds_total{")
			.contains("media_streams_active 0.0"));
	}

	/**
	 * A viewer on a slow link: a small receive buffer, 4 KB every 150 ms (27 KB/s against demo.mp4's
	 * 44 KB/s), for 5 s; then it stops. Its paced stream waits on the pacer and on the client.
	 */
	private void readSlowlyThenHangUp(String target) throws IOException, InterruptedException {
		try (Socket socket = new Socket()) {
			socket.setReceiveBufferSize(4096);
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("GET " + target.substring(target.indexOf("/media/")) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[4096];
			long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (System.nanoTime() < end && in.read(buffer) >= 0) {
				Thread.sleep(150);
			}
		}
	}

	private URI signed(String path) {
		return URI.create("http://127.0.0.1:" + this.port + this.signer.sign(path));
	}

	private String scrape() {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.build()
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private static Path createRoot() {
		try {
			Path root = Files.createTempDirectory("media-dashboard");
			Files.copy(Path.of("media/demo.mp4"), root.resolve("demo.mp4"));
			Files.copy(Path.of("media/demo.mp3"), root.resolve("demo.mp3"));
			Files.writeString(root.resolve("broken.mp4"), "not an mp4 file, so it cannot be indexed");
			return root;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A small socket send buffer, so that a slow client's backlog reaches the server within seconds
	 * instead of filling megabytes of kernel buffer first.
	 */
	@Configuration(proxyBeanMethods = false)
	static class SmallSendBuffer {

		@Bean
		NettyServerCustomizer smallSendBuffer() {
			return (server) -> server.childOption(ChannelOption.SO_SNDBUF, 8192);
		}

	}

}

package io.github.mediastreaming.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.mediastreaming.autoconfigure.MediaStreamingProperties;
import io.github.mediastreaming.pacing.PacingParameters;
import io.github.mediastreaming.pacing.PacingPolicy;
import io.github.mediastreaming.stream.ActiveStream;
import io.github.mediastreaming.stream.StreamListener;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example of {@code docs/deployment.md}: a CDN's fetches from the origin are not paced (the CDN serves
 * viewers from its cache, and pacing its fill would only slow every viewer behind it), recognised by a
 * secret header the CDN adds to origin requests or by the address they come from; viewers who reach the
 * origin directly are paced as usual.
 */
@SpringBootTest(classes = OriginFetchPacingPolicyTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cdn.origin-secret=s3cr3t-from-the-cdn-config", "cdn.origin-addresses=192.0.2.10" })
class OriginFetchPacingPolicyTests {

	static final Path ROOT = Fixtures.root("origin-fetch", (root) -> Fixtures.copy(root, "mp3/cbr.mp3", "tone.mp3"));

	@LocalServerPort
	int port;

	@Autowired
	Streams streams;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@BeforeEach
	void forget() {
		this.streams.rates.clear();
	}

	@Test
	void aRequestWithTheCdnsSecretHeaderIsNotPaced() throws Exception {
		RawHttp.get(this.port, "/media/tone.mp3", "X-Origin-Secret: s3cr3t-from-the-cdn-config");
		assertThat(rate()).isZero();
	}

	@Test
	void aViewerIsPacedAndAWrongSecretChangesNothing() throws Exception {
		RawHttp.hangUpAfter(this.port, "/media/tone.mp3", new String[0], 1000);
		assertThat(rate()).isPositive();
		this.streams.rates.clear();
		RawHttp.hangUpAfter(this.port, "/media/tone.mp3", new String[] { "X-Origin-Secret: guessed" }, 1000);
		assertThat(rate()).isPositive();
	}

	@Test
	void aRequestFromAnOriginFetchAddressIsNotPaced() {
		PacingPolicy policy = new TestApplication().mediaPacingPolicy(new MediaStreamingProperties(), "",
				Set.of("192.0.2.10"));
		io.github.mediastreaming.format.MediaFormat mp3 = io.github.mediastreaming.format.MediaFormat.named("mp3")
			.extension("mp3", "audio/mpeg")
			.build();
		assertThat(policy.parametersFor(new io.github.mediastreaming.pacing.PacingRequest("/media/tone.mp3", mp3,
				new org.springframework.http.HttpHeaders(), null, new InetSocketAddress("192.0.2.10", 40000))))
			.isEqualTo(PacingParameters.UNPACED);
		assertThat(policy.parametersFor(new io.github.mediastreaming.pacing.PacingRequest("/media/tone.mp3", mp3,
				new org.springframework.http.HttpHeaders(), null, new InetSocketAddress("198.51.100.7", 40000))).enabled())
			.isTrue();
	}

	private long rate() {
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.streams.rates.isEmpty());
		return this.streams.rates.get(0);
	}

	/** Records each stream's paced rate (0 when unpaced). */
	static class Streams implements StreamListener {

		final List<Long> rates = new CopyOnWriteArrayList<>();

		@Override
		public void opened(ActiveStream stream) {
			this.rates.add(stream.targetBytesPerSecond());
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Streams streams() {
			return new Streams();
		}

		// The example, as docs/deployment.md shows it.
		@Bean
		PacingPolicy mediaPacingPolicy(MediaStreamingProperties properties,
				@Value("${cdn.origin-secret:}") String originSecret,
				@Value("${cdn.origin-addresses:}") Set<String> originAddresses) {
			PacingPolicy viewers = properties.pacingPolicy();
			return (request) -> {
				String secret = request.headers().getFirst("X-Origin-Secret");
				InetSocketAddress client = request.remoteAddress();
				InetAddress address = (client != null) ? client.getAddress() : null;
				// Compared in constant time: the answer's timing must not tell a guesser how much was right.
				boolean originFetch = (!originSecret.isEmpty() && secret != null
						&& MessageDigest.isEqual(originSecret.getBytes(StandardCharsets.UTF_8),
								secret.getBytes(StandardCharsets.UTF_8)))
						|| (address != null && originAddresses.contains(address.getHostAddress()));
				return originFetch ? PacingParameters.UNPACED : viewers.parametersFor(request);
			};
		}

	}

}

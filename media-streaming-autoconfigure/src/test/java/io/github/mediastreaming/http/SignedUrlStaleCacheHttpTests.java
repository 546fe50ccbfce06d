package io.github.mediastreaming.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.mediastreaming.signing.MediaUrlSigner;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed link behind a CDN whose configured {@code Cache-Control} lets caches serve a stale response
 * (RFC 5861 {@code stale-while-revalidate}, as CDNs recommend for media): the fix that limits a signed
 * response's {@code max-age} to the link's seconds left leaves the stale window as configured, so a
 * Fastly, Cloudflare or Varnish cache keeps answering an expired link with a 200 for a day (the
 * revalidation's 410 does not end it: a failed revalidation leaves the stale entry in use), where
 * docs/configuration.md says no cache serves an expired link. Fails on main of 2026-11-30 (d85840e).
 */
@SpringBootTest(classes = SignedUrlStaleCacheHttpTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.auto-rate=false", "media.streaming.signed-urls.enabled=true",
				"media.streaming.signed-urls.keys[0]=" + SignedUrlStaleCacheHttpTests.KEY,
				"media.streaming.cache-control=public, max-age=86400, stale-while-revalidate=86400" })
class SignedUrlStaleCacheHttpTests {

	static final String KEY = "the key that signs new links, 32+ bytes";

	/** The link's lifetime; one more second for the expiry's own second, which the link still works in. */
	private static final long LINK_SECONDS = 60;

	private static final Path ROOT = Fixtures.root("media-signed-stale",
			(root) -> Fixtures.copy(root, "mp3/cbr.mp3", "song.mp3"));

	private static final Pattern LIFETIME = Pattern
		.compile("(?:^|,)\\s*(max-age|s-maxage|stale-while-revalidate)\\s*=\\s*\"?(\\d+)");

	@LocalServerPort
	int port;

	@Autowired
	MediaUrlSigner signer;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void sharedCachesMayNotServeASignedResponseStaleAfterItsLinkExpires() throws Exception {
		String link = this.signer.sign("/media/song.mp3", Duration.ofSeconds(LINK_SECONDS));
		RawHttp.Response response = RawHttp.get(this.port, link);
		assertThat(response.status()).isEqualTo(200);
		String head = response.text().substring(0, response.text().indexOf("\r\n\r\n"));
		assertThat(servableSeconds(cacheControl(head))).as("seconds a shared cache may serve this response:\n%s", head)
			.isLessThanOrEqualTo(LINK_SECONDS + 1);
	}

	/** Freshness (s-maxage, else max-age) plus the stale-while-revalidate window after it. */
	private static long servableSeconds(String cacheControl) {
		long maxAge = -1;
		long sMaxAge = -1;
		long stale = 0;
		Matcher matcher = LIFETIME.matcher(cacheControl.toLowerCase(Locale.ROOT));
		while (matcher.find()) {
			long seconds = Long.parseLong(matcher.group(2));
			switch (matcher.group(1)) {
				case "max-age" -> maxAge = seconds;
				case "s-maxage" -> sMaxAge = seconds;
				default -> stale = seconds;
			}
		}
		long fresh = (sMaxAge >= 0) ? sMaxAge : maxAge;
		assertThat(fresh).as("a freshness lifetime in %s", cacheControl).isNotNegative();
		return fresh + stale;
	}

	private static String cacheControl(String head) {
		for (String line : head.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Cache-Control")) {
				return line.substring(colon + 1).trim();
			}
		}
		throw new AssertionError("No Cache-Control in\n" + head);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}

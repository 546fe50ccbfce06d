package io.github.mediastreaming.http;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
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
 * A signed link behind a CDN, set up as docs/configuration.md and docs/deployment.md advise (a long
 * {@code max-age}, the query string in the cache key) and with the stale window CDNs recommend for media
 * (RFC 5861 {@code stale-while-revalidate}): no shared cache may serve a signed response after its link
 * has expired, neither as fresh nor as stale, or an expired link keeps working (200 from the cache
 * instead of the documented 410) for as long as the configured lifetimes allow. A failed revalidation
 * does not end a stale window: the cache keeps the stale entry in use.
 */
@SpringBootTest(classes = SignedUrlCacheLifetimeHttpTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.auto-rate=false", "media.streaming.signed-urls.enabled=true",
				"media.streaming.signed-urls.keys[0]=" + SignedUrlCacheLifetimeHttpTests.KEY,
				"media.streaming.cache-control=public, max-age=86400, stale-while-revalidate=86400" })
class SignedUrlCacheLifetimeHttpTests {

	static final String KEY = "the key that signs new links, 32+ bytes";

	/** The link's lifetime; one more second for the expiry's own second, which the link still works in. */
	private static final long LINK_SECONDS = 60;

	private static final Path ROOT = Fixtures.root("media-signed-cache",
			(root) -> Fixtures.copy(root, "mp3/cbr.mp3", "song.mp3"));

	private static final Pattern S_MAXAGE = Pattern.compile("(?:^|,)\\s*s-maxage\\s*=\\s*\"?(\\d+)");

	private static final Pattern MAX_AGE = Pattern.compile("(?:^|,)\\s*max-age\\s*=\\s*\"?(\\d+)");

	private static final Pattern STALE = Pattern.compile("(?:^|,)\\s*stale-while-revalidate\\s*=\\s*\"?(\\d+)");

	@LocalServerPort
	int port;

	@Autowired
	MediaUrlSigner signer;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void sharedCachesMayNotReuseASignedResponseAfterItsLinkExpires() throws Exception {
		RawHttp.Response response = signedResponse();
		assertThat(sharedFreshnessSeconds(response)).as("freshness a shared cache may give this response:\n%s",
				response.head())
			.isLessThanOrEqualTo(LINK_SECONDS + 1);
	}

	@Test
	void sharedCachesMayNotServeASignedResponseStaleAfterItsLinkExpires() throws Exception {
		RawHttp.Response response = signedResponse();
		String cacheControl = response.header("Cache-Control");
		assertThat(cacheControl).as("Cache-Control in\n%s", response.head()).isNotNull();
		long stale = seconds(STALE, cacheControl.toLowerCase(Locale.ROOT), 0);
		long fresh = sharedFreshnessSeconds(response);
		assertThat((fresh > Long.MAX_VALUE - stale) ? Long.MAX_VALUE : fresh + stale)
			.as("seconds a shared cache may serve this response:\n%s", response.head())
			.isLessThanOrEqualTo(LINK_SECONDS + 1);
	}

	private RawHttp.Response signedResponse() throws Exception {
		String link = this.signer.sign("/media/song.mp3", Duration.ofSeconds(LINK_SECONDS));
		RawHttp.Response response = RawHttp.get(this.port, link);
		assertThat(response.status()).isEqualTo(200);
		return response;
	}

	/** RFC 9111 section 4.2.1: s-maxage, else max-age, else Expires minus Date; none: heuristic, unbounded. */
	private static long sharedFreshnessSeconds(RawHttp.Response response) {
		String cacheControl = response.header("Cache-Control");
		if (cacheControl != null) {
			String directives = cacheControl.toLowerCase(Locale.ROOT);
			if (directives.contains("no-store") || directives.contains("private") || directives.contains("no-cache")) {
				return 0;
			}
			long fresh = seconds(S_MAXAGE, directives, -1);
			if (fresh < 0) {
				fresh = seconds(MAX_AGE, directives, -1);
			}
			if (fresh >= 0) {
				return fresh;
			}
		}
		String expires = response.header("Expires");
		String date = response.header("Date");
		if (expires != null && date != null) {
			return Duration.between(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME),
					ZonedDateTime.parse(expires, DateTimeFormatter.RFC_1123_DATE_TIME)).toSeconds();
		}
		return Long.MAX_VALUE;
	}

	private static long seconds(Pattern directive, String directives, long absent) {
		Matcher matcher = directive.matcher(directives);
		return matcher.find() ? Long.parseLong(matcher.group(1)) : absent;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}

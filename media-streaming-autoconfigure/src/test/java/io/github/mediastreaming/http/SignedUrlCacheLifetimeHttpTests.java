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
import org.jspecify.annotations.Nullable;
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
 * A signed link behind a CDN, set up as docs/configuration.md and docs/deployment.md advise
 * ({@code media.streaming.cache-control: public, max-age=86400}, the query string in the cache key): a
 * shared cache must not keep serving a signed response after its link has expired, or an expired link
 * keeps working (200 from the cache instead of the documented 410) for as long as the cache-control
 * allows.
 */
@SpringBootTest(classes = SignedUrlCacheLifetimeHttpTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.auto-rate=false", "media.streaming.signed-urls.enabled=true",
				"media.streaming.signed-urls.keys[0]=" + SignedUrlCacheLifetimeHttpTests.KEY,
				"media.streaming.cache-control=public, max-age=86400" })
class SignedUrlCacheLifetimeHttpTests {

	static final String KEY = "the key that signs new links, 32+ bytes";

	/** The link's lifetime; one more second for the expiry's own second, which the link still works in. */
	private static final long LINK_SECONDS = 60;

	private static final Path ROOT = Fixtures.root("media-signed-cache",
			(root) -> Fixtures.copy(root, "mp3/cbr.mp3", "song.mp3"));

	private static final Pattern S_MAXAGE = Pattern.compile("(?:^|,)\\s*s-maxage\\s*=\\s*\"?(\\d+)");

	private static final Pattern MAX_AGE = Pattern.compile("(?:^|,)\\s*max-age\\s*=\\s*\"?(\\d+)");

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
		String link = this.signer.sign("/media/song.mp3", Duration.ofSeconds(LINK_SECONDS));
		RawHttp.Response response = RawHttp.get(this.port, link);
		assertThat(response.status()).isEqualTo(200);
		String head = response.text().substring(0, response.text().indexOf("\r\n\r\n"));
		assertThat(sharedFreshnessSeconds(head)).as("freshness a shared cache may give this response:\n%s", head)
			.isLessThanOrEqualTo(LINK_SECONDS + 1);
	}

	/** RFC 9111 section 4.2.1: s-maxage, else max-age, else Expires minus Date; none: heuristic, unbounded. */
	private static long sharedFreshnessSeconds(String head) {
		String cacheControl = header(head, "Cache-Control");
		if (cacheControl != null) {
			String directives = cacheControl.toLowerCase(Locale.ROOT);
			if (directives.contains("no-store") || directives.contains("private") || directives.contains("no-cache")) {
				return 0;
			}
			Matcher shared = S_MAXAGE.matcher(directives);
			if (shared.find()) {
				return Long.parseLong(shared.group(1));
			}
			Matcher any = MAX_AGE.matcher(directives);
			if (any.find()) {
				return Long.parseLong(any.group(1));
			}
		}
		String expires = header(head, "Expires");
		String date = header(head, "Date");
		if (expires != null && date != null) {
			return Duration.between(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME),
					ZonedDateTime.parse(expires, DateTimeFormatter.RFC_1123_DATE_TIME)).toSeconds();
		}
		return Long.MAX_VALUE;
	}

	private static @Nullable String header(String head, String name) {
		for (String line : head.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
				return line.substring(colon + 1).trim();
			}
		}
		return null;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}

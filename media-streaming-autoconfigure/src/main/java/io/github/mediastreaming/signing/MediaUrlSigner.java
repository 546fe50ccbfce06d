package io.github.mediastreaming.signing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.web.util.UriUtils;

/**
 * Builds signed, expiring links to media for an application's own pages, which a {@code <video src>} can
 * use as they are (it cannot send headers). For example, with the default parameters,
 * {@code sign("/media/movies/a b.mp4", Duration.ofHours(2))} at 2026-01-01T00:00:00Z returns
 * {@code /media/movies/a%20b.mp4?expires=1767232800&signature=...}. The seek parameters are not signed:
 * append {@code &start=60} to the link and it still verifies.
 */
public final class MediaUrlSigner {

	private final SignedUrlSettings settings;

	private final Clock clock;

	/**
	 * Create a signer.
	 * @param settings the key (the first one signs), parameter names and lifetimes
	 * @param clock the time expiries are counted from
	 */
	public MediaUrlSigner(SignedUrlSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Sign a link that lasts the default lifetime.
	 * @param path the full request path, not encoded, such as {@code /media/movies/a.mp4} (with the
	 * application's base path, if it has one)
	 * @return the path, encoded, with the expiry and signature parameters
	 */
	public String sign(String path) {
		return sign(path, this.settings.defaultLifetime());
	}

	/**
	 * Sign a link that lasts a given time.
	 * @param path the full request path, not encoded
	 * @param lifetime how long the link works, at least 1s and at most the maximum lifetime
	 * @return the path, encoded, with the expiry and signature parameters
	 */
	public String sign(String path, Duration lifetime) {
		if (lifetime.getSeconds() < 1 || lifetime.compareTo(this.settings.maximumLifetime()) > 0) {
			throw new IllegalArgumentException("A link's lifetime must be between 1s and the maximum lifetime ("
					+ this.settings.maximumLifetime() + "), was " + lifetime);
		}
		return sign(path, this.clock.instant().getEpochSecond() + lifetime.getSeconds());
	}

	/**
	 * Sign a link that works until a given time.
	 * @param path the full request path, not encoded
	 * @param expiresAt the last second the link works in, no further ahead than the maximum lifetime
	 * @return the path, encoded, with the expiry and signature parameters
	 */
	public String sign(String path, Instant expiresAt) {
		long now = this.clock.instant().getEpochSecond();
		long expires = expiresAt.getEpochSecond();
		if (expires < now || expires - now > this.settings.maximumLifetime().getSeconds()) {
			throw new IllegalArgumentException("A link must expire between now and the maximum lifetime ("
					+ this.settings.maximumLifetime() + ") from now, was " + expiresAt);
		}
		return sign(path, expires);
	}

	private String sign(String path, long expires) {
		if (!path.startsWith("/") || path.indexOf('?') >= 0 || path.indexOf('#') >= 0) {
			throw new IllegalArgumentException(
					"Sign a path that starts with '/' and has no query or fragment, such as /media/a.mp4; was '" + path
							+ "'");
		}
		String signature = this.settings.signingKey().sign(expires + path);
		return UriUtils.encodePath(path, StandardCharsets.UTF_8) + "?" + this.settings.expiresParameter() + "="
				+ expires + "&" + this.settings.signatureParameter() + "=" + signature;
	}

}

package io.github.mediastreaming.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.mediastreaming.delivery.DeliverySettings;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.pacing.PacingMode;
import io.github.mediastreaming.pacing.PacingParameters;
import io.github.mediastreaming.pacing.PropertiesPacingPolicy;
import io.github.mediastreaming.signing.SignedUrlSettings;
import io.github.mediastreaming.source.OpenFileSettings;
import io.github.mediastreaming.signing.SigningKey;
import io.github.mediastreaming.s3.ReadAheadSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Configuration properties for media-streaming, under {@code media.streaming}.
 *
 * <p>Minimal configuration: <pre>
 * media:
 *   streaming:
 *     root: /srv/media
 * </pre>
 */
@ConfigurationProperties(MediaStreamingProperties.PREFIX)
public class MediaStreamingProperties implements InitializingBean {

	static final String PREFIX = "media.streaming";

	private static final Duration MAX_TIMER = Duration.ofDays(365);

	/**
	 * Whether to serve media files.
	 */
	private boolean enabled = true;

	/**
	 * Folder whose files are served; it must exist and be readable. Required unless s3.bucket is set or
	 * the application defines its own MediaStore bean.
	 */
	private @Nullable Path root;

	/**
	 * URL prefix the files are served under.
	 */
	private String path = "/media";

	/**
	 * Whether to pace every response at the media's bitrate (the seed's "Auto Rate").
	 */
	private boolean autoRate = true;

	/**
	 * Factor by which the bandwidth limit exceeds the media bitrate: the limit is bitrate x (1 + factor).
	 */
	private double speedupFactor = 0.1;

	/**
	 * Seconds of media sent as fast as the client takes them before the bandwidth limit applies, so the
	 * player can fill its buffer.
	 */
	private Duration initialBoost = Duration.ofSeconds(5);

	/**
	 * Which clock paces a response: "timeline" follows the media's own timeline where the file's index
	 * has one (a complex scene's bytes come when the player needs them), "average" the seed's average
	 * bitrate. Files without a timeline are paced at their average rate either way.
	 */
	private PacingMode pacingMode = PacingMode.TIMELINE;

	/**
	 * Lowest bitrate, in bits per second, a file is paced at: a header that claims an absurdly long
	 * duration cannot turn a response into a trickle that holds a connection for days. Keep it below real
	 * low-bitrate audio (Opus speech runs at 6 kbit/s); 0 turns the floor off.
	 */
	private long minimumBitrate = PacingParameters.DEFAULT_MINIMUM_BITRATE;

	/**
	 * How much time at its paced rate a paced stream sends at once (each send between 2 KiB and 1 MiB, leaving when its middle byte is due).
	 * Players buffer seconds ahead, so larger sends cost no smoothness and save wake-ups; nginx's
	 * limit_rate sends about once a second too.
	 */
	private Duration pacingInterval = DeliverySettings.DEFAULTS.pacingInterval();

	/**
	 * Time a client may take no bytes of a response before the connection is closed, as nginx's
	 * send_timeout. A paced stream waiting on its own schedule is not counted.
	 */
	private Duration sendTimeout = DeliverySettings.DEFAULTS.sendTimeout();

	/**
	 * Time a client has to send a complete request header, from the connection's start or the end of the
	 * previous response (so it also closes idle keep-alive connections): a client trickling its header
	 * (slowloris) holds a connection this long at most. Applies to the whole HTTP/1.1 server; 0 turns it
	 * off.
	 */
	private Duration headerTimeout = Duration.ofSeconds(30);

	/**
	 * Most files indexed at once (reading their headers and tables); more first requests wait their turn,
	 * so a burst of requests for many different files cannot read them all at once.
	 */
	private int maxIndexBuilds = Math.max(2, Runtime.getRuntime().availableProcessors());

	/**
	 * Most streams one client address may receive at once; a request past it gets 429 with Retry-After.
	 * 0 (the default) sets no limit. Behind a proxy or CDN every viewer has the proxy's address: keep it
	 * 0 there, or forward the client's address (server.forward-headers-strategy).
	 */
	private int streamsPerClient;

	/**
	 * Most seek documents (a rebuilt MP4 moov, an FLV or MP3 cut) built at once from a remote store, whose
	 * builds wait on the store; further requests for a document not yet built get 503 with Retry-After: 1,
	 * so a seek storm cannot claim the heap. A local file's documents are built from its cached index on
	 * the event loop, in microseconds, and need no limit.
	 */
	private int maxSeekBuilds = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

	/**
	 * Cache-Control header of media responses (200, 206 and 304), such as "public, max-age=86400" for a
	 * CDN; unset sends none, and caches rely on ETag and Last-Modified.
	 */
	private @Nullable String cacheControl;

	/**
	 * Per-path or per-format overrides of the pacing parameters; the first matching rule wins.
	 */
	private List<Rule> rules = new ArrayList<>();

	/**
	 * Media index cache settings.
	 */
	private final Cache cache = new Cache();

	/**
	 * MP4 seeking settings.
	 */
	private final Mp4 mp4 = new Mp4();

	/**
	 * FLV seeking settings.
	 */
	private final Flv flv = new Flv();

	/**
	 * Server-wide bandwidth settings.
	 */
	private final Bandwidth bandwidth = new Bandwidth();

	/**
	 * Signed, expiring URLs settings.
	 */
	private final SignedUrls signedUrls = new SignedUrls();

	/**
	 * S3-compatible object store settings (needs software.amazon.awssdk:s3 on the class path).
	 */
	private final S3 s3 = new S3();

	/**
	 * Cross-origin access for players on other origins' pages (CORS). Off by default.
	 */
	private final Cors cors = new Cors();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Path getRoot() {
		return this.root;
	}

	public void setRoot(@Nullable Path root) {
		this.root = root;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public boolean isAutoRate() {
		return this.autoRate;
	}

	public void setAutoRate(boolean autoRate) {
		this.autoRate = autoRate;
	}

	public double getSpeedupFactor() {
		return this.speedupFactor;
	}

	public void setSpeedupFactor(double speedupFactor) {
		this.speedupFactor = speedupFactor;
	}

	public Duration getInitialBoost() {
		return this.initialBoost;
	}

	public void setInitialBoost(Duration initialBoost) {
		this.initialBoost = initialBoost;
	}

	public PacingMode getPacingMode() {
		return this.pacingMode;
	}

	public void setPacingMode(PacingMode pacingMode) {
		this.pacingMode = pacingMode;
	}

	public long getMinimumBitrate() {
		return this.minimumBitrate;
	}

	public void setMinimumBitrate(long minimumBitrate) {
		this.minimumBitrate = minimumBitrate;
	}

	public Duration getPacingInterval() {
		return this.pacingInterval;
	}

	public void setPacingInterval(Duration pacingInterval) {
		this.pacingInterval = pacingInterval;
	}

	public Duration getSendTimeout() {
		return this.sendTimeout;
	}

	public void setSendTimeout(Duration sendTimeout) {
		this.sendTimeout = sendTimeout;
	}

	public Duration getHeaderTimeout() {
		return this.headerTimeout;
	}

	public void setHeaderTimeout(Duration headerTimeout) {
		this.headerTimeout = headerTimeout;
	}

	public int getMaxIndexBuilds() {
		return this.maxIndexBuilds;
	}

	public void setMaxIndexBuilds(int maxIndexBuilds) {
		this.maxIndexBuilds = maxIndexBuilds;
	}

	public int getStreamsPerClient() {
		return this.streamsPerClient;
	}

	public void setStreamsPerClient(int streamsPerClient) {
		this.streamsPerClient = streamsPerClient;
	}

	public int getMaxSeekBuilds() {
		return this.maxSeekBuilds;
	}

	public void setMaxSeekBuilds(int maxSeekBuilds) {
		this.maxSeekBuilds = maxSeekBuilds;
	}

	/**
	 * Return the pacing policy these properties describe: the global parameters and the rules.
	 * @return the policy
	 */
	public PropertiesPacingPolicy pacingPolicy() {
		return new PropertiesPacingPolicy(
				new PacingParameters(this.autoRate, this.speedupFactor, this.initialBoost, this.minimumBitrate,
						this.pacingMode),
				this.rules.stream()
					.map((rule) -> new PropertiesPacingPolicy.Rule(rule.getPattern(), rule.getFormat(),
							rule.getAutoRate(), rule.getSpeedupFactor(), rule.getInitialBoost(), rule.getPacingMode()))
					.toList());
	}

	/**
	 * Return how response bodies are sent.
	 * @return the settings
	 */
	public DeliverySettings deliverySettings() {
		return new DeliverySettings(this.pacingInterval, this.sendTimeout,
				DeliverySettings.DEFAULTS.smallBodyBytes());
	}

	public @Nullable String getCacheControl() {
		return this.cacheControl;
	}

	public void setCacheControl(@Nullable String cacheControl) {
		this.cacheControl = cacheControl;
	}

	public List<Rule> getRules() {
		return this.rules;
	}

	public void setRules(List<Rule> rules) {
		this.rules = rules;
	}

	public Cache getCache() {
		return this.cache;
	}

	public Mp4 getMp4() {
		return this.mp4;
	}

	public Flv getFlv() {
		return this.flv;
	}

	public Bandwidth getBandwidth() {
		return this.bandwidth;
	}

	public SignedUrls getSignedUrls() {
		return this.signedUrls;
	}

	public S3 getS3() {
		return this.s3;
	}

	public Cors getCors() {
		return this.cors;
	}

	/**
	 * Check the bound values, so a bad configuration stops the application at startup with a message
	 * naming the property.
	 * @throws InvalidConfigurationPropertyValueException for the first invalid value
	 */
	@Override
	public void afterPropertiesSet() {
		if (this.root != null && (!Files.isDirectory(this.root) || !Files.isReadable(this.root))) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".root", this.root,
					"It must be an existing, readable folder");
		}
		if (this.cacheControl != null && (this.cacheControl.isBlank() || this.cacheControl.chars()
			.anyMatch((c) -> (c < 0x20 && c != '\t') || c > 0x7E))) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".cache-control", this.cacheControl,
					"It must be a header value of printable ASCII, such as \"public, max-age=86400\"");
		}
		// The prefix becomes a route pattern as it is: '*', '?', '{' and '}' would be wildcards or captures.
		if (!this.path.startsWith("/") || this.path.endsWith("/")
				|| this.path.chars().anyMatch((c) -> "*?{}".indexOf(c) >= 0)) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".path", this.path,
					"It must start with '/', not end with '/' and hold no '*', '?', '{' or '}', such as /media");
		}
		if (this.minimumBitrate < 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".minimum-bitrate", this.minimumBitrate,
					"It must be 0 or more bits per second, such as 4000");
		}
		checkPositive(PREFIX + ".pacing-interval", this.pacingInterval);
		if (this.cache.openFiles < 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".cache.open-files", this.cache.openFiles,
					"It must be 0 (look every file up anew) or more, such as 1000");
		}
		checkPositive(PREFIX + ".cache.open-file-idle-timeout", this.cache.openFileIdleTimeout);
		if (this.cache.openFileCheckInterval.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".cache.open-file-check-interval",
					this.cache.openFileCheckInterval, "It must be 0 (check on every request) or more, such as 100ms");
		}
		checkAtMostAYear(PREFIX + ".cache.open-file-check-interval", this.cache.openFileCheckInterval);
		checkPositive(PREFIX + ".send-timeout", this.sendTimeout);
		if (this.headerTimeout.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".header-timeout", this.headerTimeout,
					"It must be 0 (off) or more, such as 30s");
		}
		checkAtMostAYear(PREFIX + ".header-timeout", this.headerTimeout);
		if (this.bandwidth.totalLimit != null && this.bandwidth.totalLimit.toBytes() <= 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".bandwidth.total-limit",
					this.bandwidth.totalLimit, "It must be more than 0 bytes per second, such as 100MB");
		}
		if (this.maxIndexBuilds < 1) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".max-index-builds", this.maxIndexBuilds,
					"It must be at least 1");
		}
		if (this.streamsPerClient < 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".streams-per-client", this.streamsPerClient,
					"It must be 0 (no limit) or more");
		}
		if (this.maxSeekBuilds < 1) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".max-seek-builds", this.maxSeekBuilds,
					"It must be at least 1");
		}
		checkFactor(PREFIX + ".speedup-factor", this.speedupFactor);
		checkBoost(PREFIX + ".initial-boost", this.initialBoost);
		for (int i = 0; i < this.rules.size(); i++) {
			Rule rule = this.rules.get(i);
			String name = PREFIX + ".rules[" + i + "]";
			if (rule.speedupFactor != null) {
				checkFactor(name + ".speedup-factor", rule.speedupFactor);
			}
			if (rule.initialBoost != null) {
				checkBoost(name + ".initial-boost", rule.initialBoost);
			}
			if (rule.pattern != null && !rule.pattern.startsWith("/")) {
				throw new InvalidConfigurationPropertyValueException(name + ".pattern", rule.pattern,
						"It must be a request path pattern starting with '/', such as /media/downloads/**");
			}
			if (rule.pattern != null) {
				try {
					PathPatternParser.defaultInstance.parse(rule.pattern);
				}
				catch (PatternParseException ex) {
					throw new InvalidConfigurationPropertyValueException(name + ".pattern", rule.pattern,
							"It is not a valid path pattern: " + ex.getMessage());
				}
			}
		}
		Duration expireAfterAccess = this.cache.expireAfterAccess;
		if (expireAfterAccess != null && (expireAfterAccess.isNegative() || expireAfterAccess.isZero())) {
			// Zero would drop every index as soon as it is built, and index every request's file again.
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".cache.expire-after-access",
					expireAfterAccess, "It must be positive, such as 1h");
		}
		if (this.cache.seekPlanMemory.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".cache.seek-plan-memory",
					this.cache.seekPlanMemory, "It must be 0 or more");
		}
		// As a zero expire-after-access, a bound of 0 would drop every index as soon as it is built.
		if (this.cache.maximumSize != null && this.cache.maximumSize < 1) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".cache.maximum-size",
					this.cache.maximumSize, "It must be at least 1, such as 10000");
		}
		if (this.cache.maximumMemory != null && this.cache.maximumMemory.toBytes() <= 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".cache.maximum-memory",
					this.cache.maximumMemory, "It must be more than 0, such as 256MB");
		}
		if (this.cache.maximumIndexMemory.toBytes() <= 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".cache.maximum-index-memory",
					this.cache.maximumIndexMemory, "It must be more than 0, such as 64MB");
		}
		this.s3.check(PREFIX + ".s3");
		if (this.cache.maximumSize != null && this.cache.maximumMemory != null) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".cache.maximum-memory",
					this.cache.maximumMemory, "Set either " + PREFIX + ".cache.maximum-size (entries) or "
							+ PREFIX + ".cache.maximum-memory, not both");
		}
		this.flv.check(PREFIX + ".flv");
		this.signedUrls.check(PREFIX + ".signed-urls", this.flv.timeParameter);
		this.cors.check(PREFIX + ".cors");
	}

	private static void checkFactor(String name, double factor) {
		if (!(factor >= 0) || Double.isInfinite(factor)) {
			throw new InvalidConfigurationPropertyValueException(name, factor,
					"It must be a number >= 0, such as 0.1");
		}
	}

	private static void checkPositive(String name, Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			throw new InvalidConfigurationPropertyValueException(name, duration, "It must be more than 0, such as 1s");
		}
		checkAtMostAYear(name, duration);
	}

	/** Timers count in nanoseconds, which overflow past 292 years: a year is more than any of them needs. */
	private static void checkAtMostAYear(String name, Duration duration) {
		if (duration.compareTo(MAX_TIMER) > 0) {
			throw new InvalidConfigurationPropertyValueException(name, duration, "It must be at most 365d");
		}
	}

	private static void checkBoost(String name, Duration boost) {
		if (boost.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(name, boost, "It must not be negative");
		}
	}

	/**
	 * Override of the pacing parameters for requests whose path matches {@code pattern} and/or whose
	 * file has the given {@code format}. Unset parameters keep the global value.
	 */
	public static class Rule {

		/**
		 * Request path pattern, such as {@code /media/downloads/**}; unset matches every path.
		 */
		private @Nullable String pattern;

		/**
		 * Id of the container format the rule applies to, such as {@code mp3}; unset matches every format.
		 */
		private @Nullable String format;

		/**
		 * Whether to pace matching responses; unset keeps the global {@code auto-rate}.
		 */
		private @Nullable Boolean autoRate;

		/**
		 * Speedup factor for matching responses; unset keeps the global {@code speedup-factor}.
		 */
		private @Nullable Double speedupFactor;

		/**
		 * Initial boost for matching responses; unset keeps the global {@code initial-boost}.
		 */
		private @Nullable Duration initialBoost;

		/**
		 * Pacing mode for matching responses; unset keeps the global {@code pacing-mode}.
		 */
		private @Nullable PacingMode pacingMode;

		public @Nullable PacingMode getPacingMode() {
			return this.pacingMode;
		}

		public void setPacingMode(@Nullable PacingMode pacingMode) {
			this.pacingMode = pacingMode;
		}

		public @Nullable String getPattern() {
			return this.pattern;
		}

		public void setPattern(@Nullable String pattern) {
			this.pattern = pattern;
		}

		public @Nullable String getFormat() {
			return this.format;
		}

		public void setFormat(@Nullable String format) {
			this.format = format;
		}

		public @Nullable Boolean getAutoRate() {
			return this.autoRate;
		}

		public void setAutoRate(@Nullable Boolean autoRate) {
			this.autoRate = autoRate;
		}

		public @Nullable Double getSpeedupFactor() {
			return this.speedupFactor;
		}

		public void setSpeedupFactor(@Nullable Double speedupFactor) {
			this.speedupFactor = speedupFactor;
		}

		public @Nullable Duration getInitialBoost() {
			return this.initialBoost;
		}

		public void setInitialBoost(@Nullable Duration initialBoost) {
			this.initialBoost = initialBoost;
		}

	}

	/**
	 * Media index cache settings.
	 */
	public static class Cache {

		private static final DataSize DEFAULT_MAXIMUM_MEMORY = DataSize.ofMegabytes(256);

		/**
		 * Maximum number of file versions whose index is kept. Unset (the default), the cache is bounded
		 * by memory instead; set only one of the two.
		 */
		private @Nullable Long maximumSize;

		/**
		 * Maximum heap the cached indexes may hold, as each index estimates it, with its entry's own few
		 * hundred bytes (an MP4 index grows with its sample count: about 2.5 MB for a 2-hour movie, 5 bytes a
		 * sample; an MP3 or FLV index is a few hundred bytes to a few KB). Used when maximum-size is unset;
		 * defaults to 256MB then. An index larger than this is not kept: its file is indexed again on every
		 * request.
		 */
		private @Nullable DataSize maximumMemory;

		/**
		 * Most heap one file's index may take, reserved before anything is allocated, for counts checked
		 * against the bytes that hold each table. A file past it (an MP4 whose tables list millions of
		 * sample sizes, over a small bound) is served unindexed: unpaced and not seekable, with the reason
		 * in /actuator/media/{path}.
		 */
		private DataSize maximumIndexMemory = IndexBudget.DEFAULT_MAXIMUM;

		/**
		 * Time after the last use after which an index is dropped; unset keeps it until evicted by size.
		 */
		private @Nullable Duration expireAfterAccess = Duration.ofHours(1);

		/**
		 * Memory for recently built seek responses' headers (a rebuilt MP4 moov, an FLV header), so the
		 * Range requests a player sends for one seeked URL do not rebuild it each time; 0 disables it.
		 */
		private DataSize seekPlanMemory = DataSize.ofMegabytes(64);

		/**
		 * Most files of the local root kept open between requests, as nginx's open_file_cache: a
		 * request for a file found before costs at most one stat (is it still the same file?) instead
		 * of a real-path walk and an open and close. Each holds a file descriptor; 0 looks every
		 * request's file up anew.
		 */
		private int openFiles = OpenFileSettings.DEFAULTS.maximumFiles();

		/**
		 * Time after its last request after which a kept file is closed.
		 */
		private Duration openFileIdleTimeout = OpenFileSettings.DEFAULTS.idleTimeout();

		/**
		 * How long a kept file is served without checking that its path still names it (same inode,
		 * size and time; a changed, replaced or deleted file is looked up anew). A request within it
		 * may get the file as it was up to this long ago, whole; 0 checks on every request.
		 */
		private Duration openFileCheckInterval = OpenFileSettings.DEFAULTS.checkInterval();

		public int getOpenFiles() {
			return this.openFiles;
		}

		public void setOpenFiles(int openFiles) {
			this.openFiles = openFiles;
		}

		public Duration getOpenFileIdleTimeout() {
			return this.openFileIdleTimeout;
		}

		public void setOpenFileIdleTimeout(Duration openFileIdleTimeout) {
			this.openFileIdleTimeout = openFileIdleTimeout;
		}

		public Duration getOpenFileCheckInterval() {
			return this.openFileCheckInterval;
		}

		public void setOpenFileCheckInterval(Duration openFileCheckInterval) {
			this.openFileCheckInterval = openFileCheckInterval;
		}

		/**
		 * Return the open-file cache settings.
		 * @return the settings
		 */
		public OpenFileSettings openFileSettings() {
			return new OpenFileSettings(this.openFiles, this.openFileIdleTimeout, this.openFileCheckInterval);
		}

		public DataSize getSeekPlanMemory() {
			return this.seekPlanMemory;
		}

		public void setSeekPlanMemory(DataSize seekPlanMemory) {
			this.seekPlanMemory = seekPlanMemory;
		}

		public @Nullable Long getMaximumSize() {
			return this.maximumSize;
		}

		public void setMaximumSize(@Nullable Long maximumSize) {
			this.maximumSize = maximumSize;
		}

		public @Nullable DataSize getMaximumMemory() {
			return this.maximumMemory;
		}

		public void setMaximumMemory(@Nullable DataSize maximumMemory) {
			this.maximumMemory = maximumMemory;
		}

		/**
		 * Return the memory bound in effect when no entry bound is set.
		 * @return the configured memory, or 256MB
		 */
		public DataSize effectiveMaximumMemory() {
			return (this.maximumMemory != null) ? this.maximumMemory : DEFAULT_MAXIMUM_MEMORY;
		}

		public DataSize getMaximumIndexMemory() {
			return this.maximumIndexMemory;
		}

		public void setMaximumIndexMemory(DataSize maximumIndexMemory) {
			this.maximumIndexMemory = maximumIndexMemory;
		}

		public @Nullable Duration getExpireAfterAccess() {
			return this.expireAfterAccess;
		}

		public void setExpireAfterAccess(@Nullable Duration expireAfterAccess) {
			this.expireAfterAccess = expireAfterAccess;
		}

	}

	/**
	 * MP4 seeking settings.
	 */
	public static class Mp4 {

		/**
		 * Whether a seek starts playback exactly at the requested time, hiding the frames between the
		 * preceding key frame and the start with an edit list; otherwise playback starts at that key frame.
		 */
		private boolean exactStart = true;

		/**
		 * Whether a plain request for an MP4 whose moov box follows its media data is served reordered,
		 * moov first, so it plays progressively without a qt-faststart step.
		 */
		private boolean faststart = true;

		public boolean isExactStart() {
			return this.exactStart;
		}

		public void setExactStart(boolean exactStart) {
			this.exactStart = exactStart;
		}

		public boolean isFaststart() {
			return this.faststart;
		}

		public void setFaststart(boolean faststart) {
			this.faststart = faststart;
		}

	}

	/**
	 * Signed, expiring URLs: with them enabled, a media request is served only when its link carries an
	 * expiry and an HMAC-SHA256 signature of expiry and path made with one of the keys.
	 */
	public static class SignedUrls {

		/**
		 * Whether media requests need a signed, unexpired link (403 without a valid signature, 410 once
		 * expired).
		 */
		private boolean enabled;

		/**
		 * Secret HMAC-SHA256 keys, each at least 32 bytes of UTF-8. The first signs new links, every one
		 * verifies, so a new key can be put first while the old one's links run out.
		 */
		private List<String> keys = new ArrayList<>();

		/**
		 * Query parameter that carries a link's expiry, in epoch seconds.
		 */
		private String expiresParameter = SignedUrlSettings.DEFAULT_EXPIRES_PARAMETER;

		/**
		 * Query parameter that carries a link's signature: unpadded base64url of HMAC-SHA256(key, expires +
		 * request path).
		 */
		private String signatureParameter = SignedUrlSettings.DEFAULT_SIGNATURE_PARAMETER;

		/**
		 * Lifetime of links that MediaUrlSigner.sign(path) builds.
		 */
		private Duration defaultLifetime = SignedUrlSettings.DEFAULT_LIFETIME;

		/**
		 * Furthest ahead a link's expiry may lie: a correctly signed link meant to last longer is refused
		 * (403), so a leaked key or a careless signer cannot mint links valid for years.
		 */
		private Duration maximumLifetime = SignedUrlSettings.DEFAULT_MAXIMUM_LIFETIME;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getKeys() {
			return this.keys;
		}

		public void setKeys(List<String> keys) {
			this.keys = keys;
		}

		public String getExpiresParameter() {
			return this.expiresParameter;
		}

		public void setExpiresParameter(String expiresParameter) {
			this.expiresParameter = expiresParameter;
		}

		public String getSignatureParameter() {
			return this.signatureParameter;
		}

		public void setSignatureParameter(String signatureParameter) {
			this.signatureParameter = signatureParameter;
		}

		public Duration getDefaultLifetime() {
			return this.defaultLifetime;
		}

		public void setDefaultLifetime(Duration defaultLifetime) {
			this.defaultLifetime = defaultLifetime;
		}

		public Duration getMaximumLifetime() {
			return this.maximumLifetime;
		}

		public void setMaximumLifetime(Duration maximumLifetime) {
			this.maximumLifetime = maximumLifetime;
		}

		/**
		 * Return the settings these properties describe; call only after a successful check.
		 * @return the settings
		 */
		public SignedUrlSettings settings() {
			return new SignedUrlSettings(this.keys.stream().map(SigningKey::of).toList(), this.expiresParameter,
					this.signatureParameter, this.defaultLifetime, this.maximumLifetime);
		}

		/** Check the values when enabled; a key's value is never shown, only its length. */
		void check(String prefix, @Nullable String flvTimeParameter) {
			if (!this.enabled) {
				return;
			}
			if (this.keys.isEmpty()) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".keys", null,
						"Set at least one secret of " + SigningKey.MINIMUM_BYTES
								+ " or more bytes while signed URLs are enabled, such as the output of 'openssl rand -base64 48'");
			}
			for (int i = 0; i < this.keys.size(); i++) {
				String key = this.keys.get(i);
				int bytes = key.getBytes(StandardCharsets.UTF_8).length;
				if (bytes < SigningKey.MINIMUM_BYTES) {
					throw new InvalidSigningKeyException(prefix + ".keys[" + i + "]", bytes);
				}
			}
			checkParameter(prefix + ".expires-parameter", this.expiresParameter, flvTimeParameter);
			checkParameter(prefix + ".signature-parameter", this.signatureParameter, flvTimeParameter);
			if (this.expiresParameter.equals(this.signatureParameter)) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".signature-parameter",
						this.signatureParameter, "It must differ from " + prefix + ".expires-parameter");
			}
			if (this.maximumLifetime.getSeconds() < 1) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".maximum-lifetime",
						this.maximumLifetime, "It must be at least 1s, such as 7d");
			}
			if (this.defaultLifetime.getSeconds() < 1 || this.defaultLifetime.compareTo(this.maximumLifetime) > 0) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".default-lifetime",
						this.defaultLifetime,
						"It must be at least 1s and no longer than " + prefix + ".maximum-lifetime (" + this.maximumLifetime + ")");
			}
		}

		private static void checkParameter(String name, String value, @Nullable String flvTimeParameter) {
			if (!SignedUrlSettings.isParameterName(value)) {
				throw new InvalidConfigurationPropertyValueException(name, value,
						"It must be a name of letters, digits, '.', '_', '~' or '-'");
			}
			if (value.equals("start") || value.equals("end") || value.equals(flvTimeParameter)) {
				throw new InvalidConfigurationPropertyValueException(name, value,
						"It must not be a seek parameter (start, end or the FLV time parameter)");
			}
		}

	}

	/**
	 * FLV seeking settings.
	 */
	public static class Flv {

		/**
		 * Name of an optional query parameter that seeks FLV files by seconds (for players that send
		 * time rather than byte offsets), such as "t", never "start" or "end"; unset disables time-based
		 * FLV seeking.
		 */
		private @Nullable String timeParameter;

		public @Nullable String getTimeParameter() {
			return this.timeParameter;
		}

		public void setTimeParameter(@Nullable String timeParameter) {
			this.timeParameter = timeParameter;
		}

		/** Check that the time parameter is not also read as {@code start} or {@code end} by every format. */
		void check(String prefix) {
			if ("start".equals(this.timeParameter) || "end".equals(this.timeParameter)) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".time-parameter", this.timeParameter,
						"It must not be start or end, which every format reads already (FLV start is a byte offset), such as t");
			}
		}

	}

	/**
	 * Server-wide bandwidth settings.
	 */
	public static class Bandwidth {

		/**
		 * Most bytes per second all media responses may send together, shared fairly: a stream paced below
		 * its fair share keeps its rate, the rest is split evenly among the others (unpaced downloads and
		 * boosts). Unset, there is no cap.
		 */
		private @Nullable DataSize totalLimit;

		public @Nullable DataSize getTotalLimit() {
			return this.totalLimit;
		}

		public void setTotalLimit(@Nullable DataSize totalLimit) {
			this.totalLimit = totalLimit;
		}

	}

	/**
	 * Cross-origin access (CORS) to the media routes, for players whose page comes from another origin and
	 * reads media with a script (a JavaScript player, Media Source Extensions) or with
	 * {@code <video crossorigin>} (to draw frames on a canvas, or for cross-origin subtitles). A plain
	 * {@code <video src>} plays from any page without it.
	 */
	public static class Cors {

		/**
		 * Origins whose pages may read media, such as https://www.example.com, or origin patterns, such as
		 * https://*.example.com (* alone for any origin). Empty (the default): no CORS headers are sent.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		/**
		 * Whether cross-origin requests may carry cookies or HTTP authentication
		 * (Access-Control-Allow-Credentials), for media behind a login rather than signed URLs.
		 */
		private boolean allowCredentials;

		/**
		 * How long a browser may cache the answer to a preflight request.
		 */
		private Duration maxAge = Duration.ofMinutes(30);

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

		public boolean isAllowCredentials() {
			return this.allowCredentials;
		}

		public void setAllowCredentials(boolean allowCredentials) {
			this.allowCredentials = allowCredentials;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

		void check(String prefix) {
			for (String origin : this.allowedOrigins) {
				// An origin is a scheme, a host and perhaps a port: a path (a page's URL pasted whole) would
				// never match, and the browser would only say the request was blocked.
				if (origin == null || !(origin.equals("*") || origin.matches("[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#\\s]+/?"))) {
					throw new InvalidConfigurationPropertyValueException(prefix + ".allowed-origins", origin,
							"Each must be an origin such as https://www.example.com, a pattern such as "
									+ "https://*.example.com, or *");
				}
			}
			if (this.maxAge.isNegative()) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".max-age", this.maxAge,
						"It must not be negative");
			}
		}

	}

	/**
	 * S3-compatible object store settings. Setting the bucket serves its objects instead of the root
	 * folder; credentials come from the AWS SDK's default chain (environment, system properties, profile,
	 * container or instance role).
	 */
	public static class S3 {

		/**
		 * Name of the bucket to serve media files from, instead of the root folder.
		 */
		private @Nullable String bucket;

		/**
		 * Key prefix of the media files in the bucket, such as "media/" (a missing trailing '/' is added);
		 * empty serves the whole bucket.
		 */
		private String prefix = "";

		/**
		 * URL of an S3-compatible store, such as http://minio:9000; unset for AWS S3.
		 */
		private @Nullable URI endpoint;

		/**
		 * Region of the bucket, such as eu-west-1; unset uses the SDK's default region chain, or us-east-1
		 * when an endpoint is set.
		 */
		private @Nullable String region;

		/**
		 * Whether to address the bucket in the URL path rather than in the host name, as MinIO and most
		 * S3-compatible stores need.
		 */
		private boolean pathStyleAccess;

		/**
		 * Time at its paced rate that each ranged GET of a response body covers; a stream holds the chunk
		 * it sends and the next one (about 2.4 chunks on average), so this trades requests per stream against
		 * memory per stream.
		 */
		private Duration readAhead = ReadAheadSettings.DEFAULTS.readAhead();

		/**
		 * Smallest ranged GET of a response body (a low-bitrate stream's chunk).
		 */
		private DataSize minChunkSize = DataSize.ofBytes(ReadAheadSettings.DEFAULTS.minChunkBytes());

		/**
		 * Largest ranged GET of a response body (an unpaced or high-bitrate stream's chunk); it bounds a stream's
		 * memory (about 2.4 times this on average).
		 */
		private DataSize maxChunkSize = DataSize.ofBytes(ReadAheadSettings.DEFAULTS.maxChunkBytes());

		/**
		 * Most requests to the store in flight at once; further requests wait for a connection.
		 */
		private int maxConnections = 200;

		/**
		 * Time connecting to the store may take.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		public @Nullable String getBucket() {
			return this.bucket;
		}

		public void setBucket(@Nullable String bucket) {
			this.bucket = bucket;
		}

		public String getPrefix() {
			return this.prefix;
		}

		public void setPrefix(String prefix) {
			this.prefix = prefix;
		}

		public @Nullable URI getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(@Nullable URI endpoint) {
			this.endpoint = endpoint;
		}

		public @Nullable String getRegion() {
			return this.region;
		}

		public void setRegion(@Nullable String region) {
			this.region = region;
		}

		public boolean isPathStyleAccess() {
			return this.pathStyleAccess;
		}

		public void setPathStyleAccess(boolean pathStyleAccess) {
			this.pathStyleAccess = pathStyleAccess;
		}

		public Duration getReadAhead() {
			return this.readAhead;
		}

		public void setReadAhead(Duration readAhead) {
			this.readAhead = readAhead;
		}

		public DataSize getMinChunkSize() {
			return this.minChunkSize;
		}

		public void setMinChunkSize(DataSize minChunkSize) {
			this.minChunkSize = minChunkSize;
		}

		public DataSize getMaxChunkSize() {
			return this.maxChunkSize;
		}

		public void setMaxChunkSize(DataSize maxChunkSize) {
			this.maxChunkSize = maxChunkSize;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		/**
		 * Return how response bodies are read ahead.
		 * @return the settings
		 */
		public ReadAheadSettings readAheadSettings() {
			return new ReadAheadSettings(this.readAhead, (int) this.minChunkSize.toBytes(),
					(int) this.maxChunkSize.toBytes());
		}

		void check(String prefix) {
			if (this.bucket != null && this.bucket.isBlank()) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".bucket", this.bucket,
						"It must be a bucket name, such as media");
			}
			if (this.prefix.startsWith("/")) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".prefix", this.prefix,
						"It must not start with '/', such as media/");
			}
			if (this.endpoint != null && (!this.endpoint.isAbsolute() || this.endpoint.getHost() == null
					|| !("http".equals(this.endpoint.getScheme()) || "https".equals(this.endpoint.getScheme())))) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".endpoint", this.endpoint,
						"It must be an http or https URL, such as http://localhost:9000");
			}
			checkPositive(prefix + ".read-ahead", this.readAhead);
			checkPositive(prefix + ".connect-timeout", this.connectTimeout);
			long min = this.minChunkSize.toBytes();
			long max = this.maxChunkSize.toBytes();
			long oneGigabyte = DataSize.ofGigabytes(1).toBytes();
			if (min < 1024 || min > oneGigabyte) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".min-chunk-size", this.minChunkSize,
						"It must be between 1KB and 1GB, such as 64KB");
			}
			if (max < min || max > oneGigabyte) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".max-chunk-size", this.maxChunkSize,
						"It must be at least min-chunk-size and at most 1GB, such as 1MB");
			}
			if (this.maxConnections < 1) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".max-connections",
						this.maxConnections, "It must be at least 1");
			}
		}

	}

}

package io.github.mediastreaming.metrics;

/**
 * Names and tag keys of every meter media-streaming registers, in one place. Names are dotted and in base
 * units (bytes, seconds), as Micrometer recommends; registries rename them (Prometheus:
 * {@code media_streams_bytes_sent_bytes_total}).
 */
public final class MediaMeters {

	/** Counter of answered requests, tagged {@link #KIND}, {@link #FORMAT}, {@link #STATUS}. */
	public static final String REQUESTS = "media.requests";

	/** Timer from request arrival to the first body byte, tagged {@link #KIND}, {@link #FORMAT}. */
	public static final String FIRST_BYTE = "media.streams.first.byte";

	/** Gauge of streams being sent now. */
	public static final String ACTIVE = "media.streams.active";

	/** Counter of streams by how they ended, tagged {@link #FORMAT}, {@link #PACED}, {@link #OUTCOME}. */
	public static final String STREAMS = "media.streams";

	/** Counter of body bytes handed to connections, tagged {@link #FORMAT}. */
	public static final String BYTES_SENT = "media.streams.bytes.sent";

	/** Counter of seconds streams waited for the pacer's schedule, tagged {@link #FORMAT}. */
	public static final String PACER_WAIT = "media.streams.pacer.wait";

	/** Counter of seconds paced streams waited for the client's demand, tagged {@link #FORMAT}. */
	public static final String CLIENT_WAIT = "media.streams.client.wait";

	/** Gauge of the server-wide bandwidth cap, bytes per second (only with media.streaming.bandwidth.total-limit). */
	public static final String BANDWIDTH_LIMIT = "media.bandwidth.limit";

	/** Gauge of the bytes per second media responses take of the bandwidth cap. */
	public static final String BANDWIDTH_IN_USE = "media.bandwidth.in.use";

	/** Distribution of paced streams' leads over their players in seconds, sampled every few seconds. */
	public static final String LEAD = "media.streams.lead";

	/** Counter of streams the client ended before the last byte, tagged {@link #FORMAT}, {@link #PACED}. */
	public static final String HANGUPS = "media.streams.hangups";

	/** Counter of bytes pacing saved: what hung-up paced streams would have cost unpaced, minus what they sent. */
	public static final String BYTES_SAVED = "media.streams.bytes.saved";

	/** Timer of successful indexing (reading a file's headers), tagged {@link #FORMAT}. */
	public static final String INDEX_DURATION = "media.index.duration";

	/** Counter of files that could not be indexed, tagged {@link #FORMAT}, {@link #REASON}. */
	public static final String INDEX_FAILURES = "media.index.failures";

	/**
	 * Counter of media requests refused for their signed link, tagged {@link #REASON} (missing, invalid,
	 * expired, too_long): 403 or 410 answers of {@code media.streaming.signed-urls}, which never reach the
	 * handler and so are not in {@link #REQUESTS}.
	 */
	public static final String SIGNED_URLS_REFUSED = "media.signed.urls.refused";

	/** Name under which the index cache's Caffeine statistics are bound ({@code cache.*} meters, tag {@code cache}). */
	public static final String INDEX_CACHE = "media.index";

	/**
	 * Timer of requests to a remote media store (an object store), tagged {@link #OPERATION} and
	 * {@link #OUTCOME}: its count is the requests, its time the store's latency (until its answer's headers).
	 */
	public static final String STORE_REQUESTS = "media.store.requests";

	/** Counter of bytes read from a remote media store. */
	public static final String STORE_BYTES_READ = "media.store.bytes.read";

	/** Tag: what a store request was: head, read (an index reader's ranged GET) or stream (a body's). */
	public static final String OPERATION = "operation";

	/** Tag: plain, range or seek. */
	public static final String KIND = "kind";

	/** Tag: container format, such as mp4. */
	public static final String FORMAT = "format";

	/** Tag: status family, such as 2xx. */
	public static final String STATUS = "status";

	/** Tag: true or false. */
	public static final String PACED = "paced";

	/**
	 * Tag: how a stream ended (completed, cancelled, timed_out or failed) or how a store request did
	 * (success, not_found, changed, denied, throttled, error or cancelled).
	 */
	public static final String OUTCOME = "outcome";

	/** Tag: why indexing failed, or why a signed link was refused. */
	public static final String REASON = "reason";

	private MediaMeters() {
	}

}

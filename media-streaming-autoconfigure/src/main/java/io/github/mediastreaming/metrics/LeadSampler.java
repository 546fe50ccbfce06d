package io.github.mediastreaming.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.mediastreaming.stream.ActiveStream;
import io.github.mediastreaming.stream.StreamRegistry;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

import org.springframework.context.SmartLifecycle;

/**
 * Samples how far ahead of its player every paced stream is, every few seconds, into the distribution
 * {@value MediaMeters#LEAD}: one reading per active stream per interval, so the distribution shows how
 * the audience's leads spread (a lead near zero is a player about to stall, and a stream behind its player
 * counts as zero; a large one is bytes nobody may watch). Runs while the application runs.
 */
public final class LeadSampler implements SmartLifecycle, Runnable {

	private final StreamRegistry streams;

	private final DistributionSummary leads;

	private final Scheduler scheduler;

	private final Duration interval;

	private volatile @Nullable Disposable task;

	/**
	 * Create a sampler.
	 * @param streams the active streams
	 * @param registry where the distribution is registered
	 * @param scheduler where the sampling runs
	 * @param interval how often every stream is sampled
	 */
	public LeadSampler(StreamRegistry streams, MeterRegistry registry, Scheduler scheduler, Duration interval) {
		this.streams = streams;
		this.leads = DistributionSummary.builder(MediaMeters.LEAD)
			.description("Seconds of media paced streams hold beyond what their players have played, sampled")
			.baseUnit("seconds")
			.publishPercentiles(0.05, 0.5, 0.95)
			.publishPercentileHistogram()
			.register(registry);
		this.scheduler = scheduler;
		this.interval = interval;
	}

	@Override
	public void run() {
		long now = System.nanoTime();
		for (ActiveStream stream : this.streams.active()) {
			Double lead = stream.leadSeconds(now);
			if (lead != null) {
				// A distribution records no negative values: a stream behind its player counts as 0.
				this.leads.record(Math.max(0, lead));
			}
		}
	}

	@Override
	public void start() {
		long millis = this.interval.toMillis();
		this.task = this.scheduler.schedulePeriodically(this, millis, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		Disposable current = this.task;
		this.task = null;
		if (current != null) {
			current.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		return this.task != null;
	}

	/**
	 * Return a phase below the web server's (which Spring Boot stops at {@code DEFAULT_PHASE - 2048}, after
	 * its graceful shutdown at {@code DEFAULT_PHASE - 1024}), so the sampler stops after the server: the
	 * streams run, and are sampled, while it drains them.
	 * @return the phase
	 */
	@Override
	public int getPhase() {
		return DEFAULT_PHASE - 4096;
	}

}

package io.github.mediastreaming.pacing;

import java.time.Duration;
import java.util.List;

import io.github.mediastreaming.index.MediaFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Decides the pacing parameters of one request: the global settings, overridden by the first rule
 * whose path pattern and format match. For example a rule {@code pattern: /media/downloads/**,
 * auto-rate: false} serves downloads at full speed while everything else stays paced.
 */
public final class PacingPolicy {

	private final PacingParameters defaults;

	private final List<CompiledRule> rules;

	/**
	 * Create a policy.
	 * @param defaults the global parameters
	 * @param rules the overrides, first match wins
	 */
	public PacingPolicy(PacingParameters defaults, List<Rule> rules) {
		this.defaults = defaults;
		this.rules = rules.stream().map(CompiledRule::new).toList();
	}

	/**
	 * Return the parameters for a request.
	 * @param requestPath the request's path, such as {@code /media/movies/a.mp4}
	 * @param format the file's format
	 * @return the parameters to apply
	 */
	public PacingParameters parametersFor(String requestPath, MediaFormat format) {
		for (CompiledRule rule : this.rules) {
			if (rule.matches(requestPath, format)) {
				return rule.rule.applyTo(this.defaults);
			}
		}
		return this.defaults;
	}

	/**
	 * Return whether any request of this format could be paced, so a caller can skip indexing otherwise.
	 * @param requestPath the request's path
	 * @param format the file's format
	 * @return whether pacing applies
	 */
	public boolean pacingEnabled(String requestPath, MediaFormat format) {
		return parametersFor(requestPath, format).enabled();
	}

	/**
	 * Pacing parameters.
	 *
	 * @param enabled whether to pace
	 * @param speedupFactor the limit is the bitrate x (1 + factor)
	 * @param initialBoost media time sent unpaced first
	 */
	public record PacingParameters(boolean enabled, double speedupFactor, Duration initialBoost) {

		public PacingParameters {
			if (!(speedupFactor >= 0) || Double.isInfinite(speedupFactor)) {
				throw new IllegalArgumentException("Speedup factor must be a finite number >= 0, was " + speedupFactor);
			}
			if (initialBoost.isNegative()) {
				throw new IllegalArgumentException("Initial boost must not be negative, was " + initialBoost);
			}
		}

	}

	/**
	 * An override: which requests it matches and which parameters it changes.
	 *
	 * @param pattern a path pattern of the request path, {@code null} for any
	 * @param format a format, {@code null} for any
	 * @param enabled override of whether to pace, {@code null} to keep
	 * @param speedupFactor override of the factor, {@code null} to keep
	 * @param initialBoost override of the boost, {@code null} to keep
	 */
	public record Rule(@Nullable String pattern, @Nullable MediaFormat format, @Nullable Boolean enabled,
			@Nullable Double speedupFactor, @Nullable Duration initialBoost) {

		PacingParameters applyTo(PacingParameters defaults) {
			return new PacingParameters((this.enabled != null) ? this.enabled : defaults.enabled(),
					(this.speedupFactor != null) ? this.speedupFactor : defaults.speedupFactor(),
					(this.initialBoost != null) ? this.initialBoost : defaults.initialBoost());
		}

	}

	private static final class CompiledRule {

		private final Rule rule;

		private final @Nullable PathPattern pattern;

		CompiledRule(Rule rule) {
			this.rule = rule;
			this.pattern = (rule.pattern() != null) ? PathPatternParser.defaultInstance.parse(rule.pattern()) : null;
			rule.applyTo(new PacingParameters(true, 0, Duration.ZERO));
		}

		boolean matches(String requestPath, MediaFormat format) {
			return (this.rule.format() == null || this.rule.format() == format)
					&& (this.pattern == null || this.pattern.matches(PathContainer.parsePath(requestPath)));
		}

	}

}

package io.github.mediastreaming.pacing;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The {@link PacingPolicy} of {@code media.streaming.*}: the global parameters, overridden by the first
 * rule whose path pattern and format match. For example a rule {@code pattern: /media/downloads/**,
 * auto-rate: false} serves downloads at full speed while everything else stays paced.
 */
public final class PropertiesPacingPolicy implements PacingPolicy {

	private final PacingParameters defaults;

	private final List<CompiledRule> rules;

	/**
	 * Create a policy.
	 * @param defaults the global parameters
	 * @param rules the overrides, first match wins
	 */
	public PropertiesPacingPolicy(PacingParameters defaults, List<Rule> rules) {
		this.defaults = defaults;
		this.rules = rules.stream().map(CompiledRule::new).toList();
	}

	@Override
	public PacingParameters parametersFor(PacingRequest request) {
		if (this.rules.isEmpty()) {
			return this.defaults;
		}
		PathContainer path = PathContainer.parsePath(request.path());
		for (CompiledRule rule : this.rules) {
			if (rule.matches(path, request.format().id())) {
				return rule.parameters;
			}
		}
		return this.defaults;
	}

	/**
	 * An override: which requests it matches and which parameters it changes.
	 *
	 * @param pattern a path pattern of the request path, {@code null} for any
	 * @param format a format id such as {@code mp4}, {@code null} for any
	 * @param enabled override of whether to pace, {@code null} to keep
	 * @param speedupFactor override of the factor, {@code null} to keep
	 * @param initialBoost override of the boost, {@code null} to keep
	 * @param mode override of the pacing mode, {@code null} to keep
	 */
	public record Rule(@Nullable String pattern, @Nullable String format, @Nullable Boolean enabled,
			@Nullable Double speedupFactor, @Nullable Duration initialBoost, @Nullable PacingMode mode) {

		/**
		 * Create a rule that keeps the pacing mode.
		 * @param pattern a path pattern of the request path, {@code null} for any
		 * @param format a format id such as {@code mp4}, {@code null} for any
		 * @param enabled override of whether to pace, {@code null} to keep
		 * @param speedupFactor override of the factor, {@code null} to keep
		 * @param initialBoost override of the boost, {@code null} to keep
		 */
		public Rule(@Nullable String pattern, @Nullable String format, @Nullable Boolean enabled,
				@Nullable Double speedupFactor, @Nullable Duration initialBoost) {
			this(pattern, format, enabled, speedupFactor, initialBoost, null);
		}

	}

	private final class CompiledRule {

		private final @Nullable PathPattern pattern;

		private final @Nullable String format;

		private final PacingParameters parameters;

		CompiledRule(Rule rule) {
			this.pattern = (rule.pattern() != null) ? PathPatternParser.defaultInstance.parse(rule.pattern()) : null;
			this.format = rule.format();
			PacingParameters parameters = PropertiesPacingPolicy.this.defaults.with(rule.enabled(),
					rule.speedupFactor(), rule.initialBoost());
			this.parameters = (rule.mode() != null) ? parameters.withMode(rule.mode()) : parameters;
		}

		boolean matches(PathContainer path, String formatId) {
			return (this.format == null || this.format.equalsIgnoreCase(formatId))
					&& (this.pattern == null || this.pattern.matches(path));
		}

	}

}

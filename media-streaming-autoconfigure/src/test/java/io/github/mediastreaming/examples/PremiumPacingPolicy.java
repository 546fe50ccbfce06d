package io.github.mediastreaming.examples;

import java.time.Duration;

import io.github.mediastreaming.pacing.PacingParameters;
import io.github.mediastreaming.pacing.PacingPolicy;
import io.github.mediastreaming.pacing.PacingRequest;

/**
 * A pacing policy that gives signed-in users a larger boost and everyone else the configured pacing: the
 * example of docs/extending.md. It wraps the policy of the properties, so rules still apply.
 */
public final class PremiumPacingPolicy implements PacingPolicy {

	private final PacingPolicy defaults;

	private final Duration premiumBoost;

	/**
	 * Create the policy.
	 * @param defaults the policy everyone else gets (the properties' one)
	 * @param premiumBoost the boost of a signed-in user
	 */
	public PremiumPacingPolicy(PacingPolicy defaults, Duration premiumBoost) {
		this.defaults = defaults;
		this.premiumBoost = premiumBoost;
	}

	@Override
	public PacingParameters parametersFor(PacingRequest request) {
		PacingParameters parameters = this.defaults.parametersFor(request);
		return (request.principal() != null) ? parameters.with(null, null, this.premiumBoost) : parameters;
	}

}

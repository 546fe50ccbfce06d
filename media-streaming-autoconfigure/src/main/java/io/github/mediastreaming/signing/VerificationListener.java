package io.github.mediastreaming.signing;

import java.util.List;

/**
 * Observes refused links, for metrics. Called on the event loop: must be cheap and must not throw.
 */
@FunctionalInterface
public interface VerificationListener {

	/** A listener that ignores everything. */
	VerificationListener NONE = (verdict) -> {
	};

	/**
	 * A request was refused.
	 * @param verdict why (never {@link Verdict#VALID})
	 */
	void refused(Verdict verdict);

	/**
	 * Return one listener that tells each of several.
	 * @param listeners the listeners
	 * @return the composite
	 */
	static VerificationListener composite(List<? extends VerificationListener> listeners) {
		List<VerificationListener> copy = List.copyOf(listeners);
		return switch (copy.size()) {
			case 0 -> NONE;
			case 1 -> copy.get(0);
			default -> (verdict) -> copy.forEach((listener) -> listener.refused(verdict));
		};
	}

}

package io.github.mediastreaming.fuzz;

/**
 * Settings every fuzz target shares.
 */
final class FuzzTargets {

	/**
	 * How long one target fuzzes when nothing overrides it. The build's fuzzing run sets
	 * {@code jazzer.max_duration} from {@code fuzz.duration}; {@code benchmarks/fuzz.sh} from its argument.
	 */
	static final String MAX_DURATION = "15s";

	/**
	 * Longest one input may take, in seconds: indexing and cutting a fuzzer-sized file takes
	 * milliseconds, so anything near this is a hang (libFuzzer reports it as a timeout while fuzzing).
	 */
	static final long TIMEOUT_SECONDS = 60;

	private FuzzTargets() {
	}

}

package io.github.mediastreaming.fuzz;

/**
 * Whether this JVM fuzzes or replays: Jazzer fuzzes when {@code JAZZER_FUZZ} (environment variable or
 * system property) is {@code 1}, {@code true} or {@code yes}.
 */
final class FuzzMode {

	private FuzzMode() {
	}

	/**
	 * Return whether Jazzer fuzzes in this JVM.
	 * @return {@code true} when fuzzing, {@code false} when replaying the regression inputs
	 */
	static boolean fuzzing() {
		return enabled(System.getenv("JAZZER_FUZZ")) || enabled(System.getProperty("JAZZER_FUZZ"));
	}

	private static boolean enabled(String value) {
		return value != null && (value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes"));
	}

}

package io.github.mediastreaming.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Command-line options of the load clients: {@code --name=value} pairs. */
final class Options {

	private Options() {
	}

	static Map<String, String> parse(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("expected --name=value, got " + arg);
			}
			options.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		return options;
	}

	static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("missing --" + name + "=...");
		}
		return value;
	}

}

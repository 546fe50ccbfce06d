package io.github.mediastreaming.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names, label matchers and grouping labels of a PromQL expression, enough to check a
 * dashboard against a scrape: not a PromQL parser. Function names (an identifier before '('), keywords,
 * string literals, numbers and range durations are skipped; {@code by (...)} and {@code without (...)}
 * lists are grouping labels.
 */
final class PromQlSelectors {

	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"bool", "and", "or", "unless", "offset");

	private static final Pattern GROUPING = Pattern.compile("\\b(by|without)\\s*\\(([^)]*)\\)");

	private static final Pattern MATCHER = Pattern
		.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");

	/** One selector: a metric and its label matchers (label, operator, value). */
	record Selector(String metric, List<String[]> matchers) {
	}

	final List<Selector> selectors = new ArrayList<>();

	final Set<String> groupingLabels = new LinkedHashSet<>();

	PromQlSelectors(String expression) {
		Matcher grouping = GROUPING.matcher(expression);
		StringBuilder rest = new StringBuilder();
		while (grouping.find()) {
			for (String label : grouping.group(2).split(",")) {
				if (!label.isBlank()) {
					this.groupingLabels.add(label.trim());
				}
			}
			grouping.appendReplacement(rest, " ");
		}
		grouping.appendTail(rest);
		scan(rest.toString().replaceAll("\\[[^\\]]*\\]", " "));
	}

	private void scan(String text) {
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '"') {
				i = text.indexOf('"', i + 1) + 1;
			}
			else if (Character.isDigit(c) || c == '.') {
				while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.')) {
					i++;
				}
			}
			else if (Character.isLetter(c) || c == '_' || c == ':') {
				int start = i;
				while (i < text.length()
						&& (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == ':')) {
					i++;
				}
				String name = text.substring(start, i);
				int next = skipSpaces(text, i);
				if (next < text.length() && text.charAt(next) == '(' || KEYWORDS.contains(name)) {
					continue;
				}
				List<String[]> matchers = new ArrayList<>();
				if (next < text.length() && text.charAt(next) == '{') {
					int close = text.indexOf('}', next);
					Matcher matcher = MATCHER.matcher(text.substring(next + 1, close));
					while (matcher.lookingAt()) {
						matchers.add(new String[] { matcher.group(1), matcher.group(2), matcher.group(3) });
						matcher.region(matcher.end(), matcher.regionEnd());
					}
					if (matcher.regionStart() != matcher.regionEnd()) {
						throw new IllegalArgumentException("Cannot read the matchers of " + name + " in " + text);
					}
					i = close + 1;
				}
				this.selectors.add(new Selector(name, matchers));
			}
			else {
				i++;
			}
		}
	}

	private static int skipSpaces(String text, int i) {
		while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
			i++;
		}
		return i;
	}

	/**
	 * Read a Prometheus text exposition: every series name with its labels and their values.
	 * @param scrape the text
	 * @return label values by label by series name
	 */
	static Map<String, Map<String, Set<String>>> series(String scrape) {
		Map<String, Map<String, Set<String>>> series = new LinkedHashMap<>();
		Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
		for (String line : scrape.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			int brace = line.indexOf('{');
			int space = line.indexOf(' ');
			String name = line.substring(0, (brace >= 0 && brace < space) ? brace : space);
			Map<String, Set<String>> labels = series.computeIfAbsent(name, (key) -> new LinkedHashMap<>());
			if (brace >= 0 && brace < space) {
				Matcher matcher = label.matcher(line.substring(brace, line.lastIndexOf('}')));
				while (matcher.find()) {
					labels.computeIfAbsent(matcher.group(1), (key) -> new LinkedHashSet<>()).add(matcher.group(2));
				}
			}
		}
		return series;
	}

}

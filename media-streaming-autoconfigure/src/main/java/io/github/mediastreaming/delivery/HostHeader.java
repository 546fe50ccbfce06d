package io.github.mediastreaming.delivery;

import org.jspecify.annotations.Nullable;

/**
 * Checks a {@code Host} header's value against RFC 9112 (section 3.2) and RFC 3986: a host (a name or IPv4
 * address of unreserved characters, sub-delimiters and percent-encodings, or an IP literal in brackets),
 * then an optional {@code :} and port. The port must also be what Reactor Netty can parse: 0 to 65535,
 * digits only (its {@code Integer.parseInt} would take {@code +80} but fails on an empty port, which RFC
 * 3986 allows). A scan of the value, without allocation: every request with a {@code Host} passes here.
 */
final class HostHeader {

	/** Characters besides letters and digits a host name may hold unencoded: unreserved and sub-delimiters. */
	private static final String NAME_CHARACTERS = "-._~!$&'()*+,;=";

	private static final int MAX_PORT = 65535;

	private HostHeader() {
	}

	/**
	 * Return what is wrong with a {@code Host} value, {@code null} if nothing.
	 * @param host the header's value; empty is valid (a target without an authority)
	 * @return the problem's detail, or {@code null}
	 */
	static @Nullable String problem(String host) {
		int length = host.length();
		int i = 0;
		if (length > 0 && host.charAt(0) == '[') {
			int close = host.indexOf(']');
			if (close < 0) {
				return "The Host header's IP literal has no closing bracket";
			}
			for (i = 1; i < close; i++) {
				char c = host.charAt(i);
				if (!(nameCharacter(c) || c == ':' || c == '%')) {
					return "The Host header is not a host and port";
				}
			}
			i = close + 1;
		}
		else {
			for (; i < length && host.charAt(i) != ':'; i++) {
				char c = host.charAt(i);
				if (c == '%' && i + 2 < length && hex(host.charAt(i + 1)) && hex(host.charAt(i + 2))) {
					i += 2;
				}
				else if (!nameCharacter(c)) {
					return "The Host header is not a host and port";
				}
			}
		}
		if (i == length) {
			return null;
		}
		if (host.charAt(i) != ':') {
			return "The Host header is not a host and port";
		}
		return validPort(host, i + 1) ? null : "The Host header's port is not a number from 0 to 65535";
	}

	private static boolean validPort(String host, int from) {
		int length = host.length();
		if (from == length || length - from > 5) {
			return false;
		}
		int port = 0;
		for (int i = from; i < length; i++) {
			char c = host.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
			port = port * 10 + (c - '0');
		}
		return port <= MAX_PORT;
	}

	private static boolean nameCharacter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| NAME_CHARACTERS.indexOf(c) >= 0;
	}

	/** Whether a character is a hexadecimal digit (of a percent-encoding). */
	static boolean hex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

}

package io.github.mediastreaming.delivery;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class HostHeaderTests {

	@ParameterizedTest
	@ValueSource(strings = { "", "127.0.0.1", "127.0.0.1:8080", "example.com", "EXAMPLE.com:80", "[::1]", "[::1]:443",
			"[fe80::1%25eth0]:80", "[v1.x]", "a%41b", "a:0", "a:65535", "a_b~c-d", "a,b;c=d!$&'()*+" })
	void aHostNameOrAddressWithAnOptionalPortIsValid(String host) {
		assertThat(HostHeader.problem(host)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a b", "a/b", "a@b", "a?b", "a#b", "a\tb", "\u00e9", "%zz", "a%4", "[::1]x", "[::1 ]",
			"[a/b]" })
	void aHostWithCharactersAHostCannotHoldIsRefused(String host) {
		assertThat(HostHeader.problem(host)).isEqualTo("The Host header is not a host and port");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a:", "a:b", "a:+80", "a:-1", "a: 80", "a:65536", "a:123456", "a:1:2", "[::1]:", "[::1]:x",
			":80x" })
	void aPortThatIsNotANumberFrom0To65535IsRefused(String host) {
		assertThat(HostHeader.problem(host)).isEqualTo("The Host header's port is not a number from 0 to 65535");
	}

	@ParameterizedTest
	@ValueSource(strings = { "[::1", "[" })
	void anIpLiteralWithoutItsClosingBracketIsRefused(String host) {
		assertThat(HostHeader.problem(host)).isEqualTo("The Host header's IP literal has no closing bracket");
	}

}

package io.github.mediastreaming.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a signed link's response limits the freshness an operator configured to the link's seconds left.
 */
class CacheFreshnessTests {

	@Test
	void noConfiguredHeaderGetsTheLinksSecondsLeftInsteadOfAHeuristicLifetime() {
		assertThat(CacheFreshness.limit(null, 60)).isEqualTo("max-age=60, must-revalidate");
	}

	@Test
	void longerLifetimesAreLoweredAndShorterOnesKept() {
		assertThat(CacheFreshness.limit("public, max-age=86400", 60)).isEqualTo("public, max-age=60, must-revalidate");
		assertThat(CacheFreshness.limit("public, max-age=30, s-maxage=86400", 60))
			.isEqualTo("public, max-age=30, s-maxage=60, must-revalidate");
		assertThat(CacheFreshness.limit("public,MAX-AGE=\"86400\"", 60)).isEqualTo("public, max-age=60, must-revalidate");
	}

	@Test
	void aHeaderWithoutALifetimeGetsOne() {
		assertThat(CacheFreshness.limit("public, immutable", 60))
			.isEqualTo("public, immutable, max-age=60, must-revalidate");
	}

	@Test
	void aLifetimeThatIsNotANumberIsReplaced() {
		assertThat(CacheFreshness.limit("max-age=soon", 60)).isEqualTo("max-age=60, must-revalidate");
		assertThat(CacheFreshness.limit("max-age=99999999999999999999999", 60))
			.isEqualTo("max-age=60, must-revalidate");
	}

	@Test
	void permissionToServeStaleIsDroppedAndRevalidationRequired() {
		assertThat(CacheFreshness.limit("public, max-age=86400, stale-while-revalidate=86400, stale-if-error=600", 60))
			.isEqualTo("public, max-age=60, must-revalidate");
		assertThat(CacheFreshness.limit("public, must-revalidate, max-age=86400", 60))
			.isEqualTo("public, must-revalidate, max-age=60");
	}

	@Test
	void aHeaderThatForbidsStoringIsLeftAsItIs() {
		assertThat(CacheFreshness.limit("no-store, max-age=86400", 60)).isEqualTo("no-store, max-age=86400");
	}

}

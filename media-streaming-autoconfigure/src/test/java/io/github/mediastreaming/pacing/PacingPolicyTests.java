package io.github.mediastreaming.pacing;

import java.time.Duration;
import java.util.List;

import io.github.mediastreaming.index.MediaFormat;
import io.github.mediastreaming.pacing.PacingPolicy.PacingParameters;
import io.github.mediastreaming.pacing.PacingPolicy.Rule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PacingPolicyTests {

	private static final PacingParameters DEFAULTS = new PacingParameters(true, 0.1, Duration.ofSeconds(5));

	@Test
	void withoutRulesEveryRequestGetsTheDefaults() {
		assertThat(new PacingPolicy(DEFAULTS, List.of()).parametersFor("/media/a.mp4", MediaFormat.MP4))
			.isEqualTo(DEFAULTS);
	}

	@Test
	void pathRuleTurnsPacingOffBelowItsPattern() {
		PacingPolicy policy = new PacingPolicy(DEFAULTS,
				List.of(new Rule("/media/downloads/**", null, false, null, null)));
		assertThat(policy.parametersFor("/media/downloads/a/b.mp4", MediaFormat.MP4).enabled()).isFalse();
		assertThat(policy.parametersFor("/media/a.mp4", MediaFormat.MP4).enabled()).isTrue();
	}

	@Test
	void formatRuleChangesOnlyWhatItSets() {
		PacingPolicy policy = new PacingPolicy(DEFAULTS,
				List.of(new Rule(null, MediaFormat.MP3, null, null, Duration.ofSeconds(20))));
		assertThat(policy.parametersFor("/media/a.mp3", MediaFormat.MP3))
			.isEqualTo(new PacingParameters(true, 0.1, Duration.ofSeconds(20)));
		assertThat(policy.parametersFor("/media/a.mp4", MediaFormat.MP4)).isEqualTo(DEFAULTS);
	}

	@Test
	void firstMatchingRuleWins() {
		PacingPolicy policy = new PacingPolicy(DEFAULTS, List.of(new Rule("/media/**", MediaFormat.FLV, null, 1.0, null),
				new Rule("/media/**", null, null, 2.0, null)));
		assertThat(policy.parametersFor("/media/a.flv", MediaFormat.FLV).speedupFactor()).isEqualTo(1.0);
		assertThat(policy.parametersFor("/media/a.mp4", MediaFormat.MP4).speedupFactor()).isEqualTo(2.0);
	}

}

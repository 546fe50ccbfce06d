package io.github.mediastreaming.pacing;

import java.time.Duration;
import java.util.List;

import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.pacing.PropertiesPacingPolicy.Rule;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class PropertiesPacingPolicyTests {

	private static final PacingParameters DEFAULTS = PacingParameters.of(true, 0.1, Duration.ofSeconds(5));

	private static final MediaFormat MP4 = MediaFormat.named("mp4").extension("mp4", "video/mp4").build();

	private static final MediaFormat MP3 = MediaFormat.named("mp3").extension("mp3", "audio/mpeg").build();

	private static final MediaFormat FLV = MediaFormat.named("flv").extension("flv", "video/x-flv").build();

	@Test
	void withoutRulesEveryRequestGetsTheDefaults() {
		assertThat(new PropertiesPacingPolicy(DEFAULTS, List.of()).parametersFor(request("/media/a.mp4", MP4)))
			.isEqualTo(DEFAULTS);
	}

	@Test
	void pathRuleTurnsPacingOffBelowItsPattern() {
		PacingPolicy policy = new PropertiesPacingPolicy(DEFAULTS,
				List.of(new Rule("/media/downloads/**", null, false, null, null)));
		assertThat(policy.parametersFor(request("/media/downloads/a/b.mp4", MP4)).enabled()).isFalse();
		assertThat(policy.parametersFor(request("/media/a.mp4", MP4)).enabled()).isTrue();
	}

	@Test
	void formatRuleChangesOnlyWhatItSets() {
		PacingPolicy policy = new PropertiesPacingPolicy(DEFAULTS,
				List.of(new Rule(null, "mp3", null, null, Duration.ofSeconds(20))));
		assertThat(policy.parametersFor(request("/media/a.mp3", MP3)))
			.isEqualTo(PacingParameters.of(true, 0.1, Duration.ofSeconds(20)));
		assertThat(policy.parametersFor(request("/media/a.mp4", MP4))).isEqualTo(DEFAULTS);
	}

	@Test
	void formatRulesIgnoreCase() {
		PacingPolicy policy = new PropertiesPacingPolicy(DEFAULTS, List.of(new Rule(null, "MP3", false, null, null)));
		assertThat(policy.parametersFor(request("/media/a.mp3", MP3)).enabled()).isFalse();
	}

	@Test
	void firstMatchingRuleWins() {
		PacingPolicy policy = new PropertiesPacingPolicy(DEFAULTS,
				List.of(new Rule("/media/**", "flv", null, 1.0, null), new Rule("/media/**", null, null, 2.0, null)));
		assertThat(policy.parametersFor(request("/media/a.flv", FLV)).speedupFactor()).isEqualTo(1.0);
		assertThat(policy.parametersFor(request("/media/a.mp4", MP4)).speedupFactor()).isEqualTo(2.0);
	}

	@Test
	void rulesKeepTheMinimumBitrate() {
		PacingParameters defaults = new PacingParameters(true, 0.1, Duration.ofSeconds(5), 9_000);
		PacingPolicy policy = new PropertiesPacingPolicy(defaults, List.of(new Rule(null, null, null, 2.0, null)));
		assertThat(policy.parametersFor(request("/media/a.mp4", MP4)).minimumBitrate()).isEqualTo(9_000);
	}

	@Test
	void aTwelveKilobitFileIsPacedAtItsOwnRateAboveTheDefaultFloor() {
		// Opus speech and low-rate Vorbis run at 6 to 16 kbit/s: the 4 kbit/s floor leaves them alone.
		PacingPlan plan = DEFAULTS.planFor(12_000);
		assertThat(plan).isNotNull();
		assertThat(plan.limitBytesPerSecond()).isEqualTo(1_650); // 1,500 B/s x 1.1
		assertThat(plan.boostBytes()).isEqualTo(7_500); // 5 s of media
	}

	@Test
	void aBitrateBelowTheFloorIsPacedAtTheFloor() {
		PacingPlan plan = DEFAULTS.planFor(1_000);
		assertThat(plan).isNotNull();
		assertThat(plan.limitBytesPerSecond()).isEqualTo(550); // 4,000 bit/s = 500 B/s, x 1.1
	}

	private static PacingRequest request(String path, MediaFormat format) {
		return new PacingRequest(path, format, new HttpHeaders(), null, null);
	}

}

package io.github.mediastreaming.mp4;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CutPlan} on synthetic sample tables: the arithmetic without a file.
 */
class CutPlanTests {

	/** Ten 1-second video samples of 100 bytes, key frames at 0 s and 5 s. */
	private static TrackTable video() {
		return TestTracks.contiguous(1, "vide", 1000, 0, 0, 10, 1000, 100, 1000, new int[] { 0, 5 });
	}

	private static TrackTable emptyAudio() {
		return TestTracks.track(2, "soun", 44100, 0, 0, new long[0], new int[0], new int[0], null);
	}

	/**
	 * 400 AAC frames of 1024 ticks at 44.1 kHz that start 1 s into the movie (an empty edit of 1000 movie
	 * ticks) and hide their first 1024 ticks (the encoder delay).
	 */
	private static TrackTable delayedAudio() {
		return TestTracks.contiguous(2, "soun", 44100, 1024, 1000, 400, 100_000, 10, 1024, null);
	}

	private static CutPlan plan(List<TrackTable> tables, double start, Double end, boolean exact) throws Exception {
		return CutPlan.of(tables, 1000, CutPlan.point(tables, 1000, start, end, exact, 10));
	}

	@Test
	void cutStartsAtTheKeyFrameBeforeTheStart() throws Exception {
		CutPlan plan = plan(List.of(video()), 6.5, null, false);
		CutPlan.TrackCut cut = plan.tracks().get(0);
		assertThat(cut.from()).isEqualTo(5);
		assertThat(cut.to()).isEqualTo(10);
		assertThat(cut.mediaTime()).isZero();
		assertThat(plan.firstOffset()).isEqualTo(1500);
		assertThat(plan.endOffset()).isEqualTo(2000);
	}

	@Test
	void exactStartHidesTheFramesBeforeTheStartWithTheEditList() throws Exception {
		CutPlan.TrackCut cut = plan(List.of(video()), 6.5, null, true).tracks().get(0);
		assertThat(cut.from()).isEqualTo(5);
		assertThat(cut.mediaTime()).isEqualTo(1500);
		assertThat(cut.editDuration()).isEqualTo(3500);
	}

	@Test
	void aTrackWithoutSamplesKeepsNothingAndDoesNotDisturbTheOthers() throws Exception {
		CutPlan plan = plan(List.of(emptyAudio(), video()), 6.5, 8.0, false);
		assertThat(plan.tracks().get(0).empty()).isTrue();
		assertThat(plan.tracks().get(1).from()).isEqualTo(5);
		assertThat(plan.tracks().get(1).to()).isEqualTo(8);
	}

	@Test
	void aCutBeforeALateTrackKeepsTheRestOfItsDelayAndItsHiddenEncoderDelay() throws Exception {
		CutPlan.TrackCut keyFrame = plan(List.of(video(), delayedAudio()), 0.5, null, false).tracks().get(1);
		assertThat(keyFrame.from()).isZero();
		assertThat(keyFrame.emptyEdit()).isEqualTo(1000);
		assertThat(keyFrame.mediaTime()).isEqualTo(1024);
		CutPlan.TrackCut exact = plan(List.of(video(), delayedAudio()), 0.5, null, true).tracks().get(1);
		assertThat(exact.emptyEdit()).isEqualTo(500);
		assertThat(exact.mediaTime()).isEqualTo(1024);
	}

	@Test
	void aCutAfterALateTrackStartsNeedsNoEmptyEdit() throws Exception {
		CutPlan.TrackCut audio = plan(List.of(video(), delayedAudio()), 6.5, null, false).tracks().get(1);
		// The key frame at 5 s is 4 s into the audio: 176,400 ticks after its hidden first 1024, in frame 173;
		// the cut keeps the 80 ms (3,528 ticks) before that frame for the decoder, which the edit hides.
		assertThat(audio.emptyEdit()).isZero();
		assertThat(audio.from()).isEqualTo((int) ((176_400 + 1024) / 1024) - 3);
		assertThat(audio.mediaTime()).isEqualTo(176_400 + 1024 - 1024L * audio.from());
	}

	@Test
	void anAudioTrackKeepsAtLeastOneFrameBeforeTheCutForItsDecoder() throws Exception {
		CutPlan.TrackCut audio = plan(List.of(video(), delayedAudio()), 6.5, null, false).tracks().get(1);
		CutPlan.TrackCut video = plan(List.of(video(), delayedAudio()), 6.5, null, false).tracks().get(0);
		// The hidden part is at least one whole frame of 1024 ticks; the video starts at its key frame.
		assertThat(audio.mediaTime()).isGreaterThanOrEqualTo(1024);
		assertThat(video.mediaTime()).isZero();
	}

	@Test
	void aCutThatEndsBeforeALateTrackStartsLeavesItEmpty() throws Exception {
		CutPlan plan = plan(List.of(video(), delayedAudio()), 0, 0.5, false);
		assertThat(plan.tracks().get(1).empty()).isTrue();
		assertThat(plan.tracks().get(0).empty()).isFalse();
	}

	@Test
	void tracksWithoutAnySamplesGiveAnEmptyPlanNotACrash() throws Exception {
		CutPlan plan = plan(List.of(emptyAudio()), 1, null, false);
		assertThat(plan.tracks()).singleElement().satisfies((cut) -> assertThat(cut.empty()).isTrue());
		assertThat(plan.endOffset()).isZero();
	}

}

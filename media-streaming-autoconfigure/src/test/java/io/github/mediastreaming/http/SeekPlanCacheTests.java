package io.github.mediastreaming.http;

import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.index.MediaVersion;
import io.github.mediastreaming.index.SeekRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seek-plan cache lets go of plans whose index is gone: all of a file version's at once, or one plan
 * that is still the one cached for its key.
 */
class SeekPlanCacheTests {

	private static final MediaVersion FIRST = new MediaVersion("a.mp4", 100, 1, null);

	private static final MediaVersion SECOND = new MediaVersion("b.mp4", 100, 1, null);

	private static final SeekRequest AT_FIVE = new SeekRequest.TimeRange(5, null, false);

	private static final SeekRequest AT_SIX = new SeekRequest.TimeRange(6, null, false);

	private final SeekPlanCache plans = new SeekPlanCache(1024 * 1024);

	@Test
	void dropRemovesEveryPlanOfTheVersionAndNoOther() throws Exception {
		cache(FIRST, AT_FIVE);
		cache(FIRST, AT_SIX);
		cache(FIRST, null);
		MediaBody other = cache(SECOND, AT_FIVE);
		this.plans.drop(FIRST);
		assertThat(this.plans.cached(FIRST, AT_FIVE)).isNull();
		assertThat(this.plans.cached(FIRST, AT_SIX)).isNull();
		assertThat(this.plans.cached(FIRST, null)).isNull();
		assertThat(this.plans.cached(SECOND, AT_FIVE)).isSameAs(other);
		assertThat(this.plans.trackedVersions()).isEqualTo(1);
	}

	@Test
	void aPlanEvictedForRoomLeavesNothingTracked() throws Exception {
		SeekPlanCache small = new SeekPlanCache(0);
		MediaBody plan = MediaBody.wholeFile(100);
		assertThat(small.get(FIRST, AT_FIVE, () -> plan)).isSameAs(plan);
		assertThat(small.cached(FIRST, AT_FIVE)).as("a cache of 0 bytes keeps nothing").isNull();
		assertThat(small.trackedVersions()).isZero();
	}

	@Test
	void forgetRemovesAPlanOnlyWhileItIsTheOneCached() throws Exception {
		MediaBody stale = cache(FIRST, AT_FIVE);
		this.plans.drop(FIRST);
		// An equal plan (same parts) cut from the current index: forgetting the stale one must keep it.
		MediaBody current = cache(FIRST, AT_FIVE);
		assertThat(current).isEqualTo(stale).isNotSameAs(stale);
		this.plans.forget(FIRST, AT_FIVE, stale);
		assertThat(this.plans.cached(FIRST, AT_FIVE)).isSameAs(current);
		this.plans.forget(FIRST, AT_FIVE, current);
		assertThat(this.plans.cached(FIRST, AT_FIVE)).isNull();
		assertThat(this.plans.trackedVersions()).isZero();
	}

	private MediaBody cache(MediaVersion version, @Nullable SeekRequest request) throws Exception {
		MediaBody plan = MediaBody.wholeFile(100);
		return this.plans.get(version, request, () -> plan);
	}

}

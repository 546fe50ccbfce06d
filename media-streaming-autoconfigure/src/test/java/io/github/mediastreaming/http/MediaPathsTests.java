package io.github.mediastreaming.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which raw request paths lie below the URL prefix, compared as the router compares them: decoded.
 */
class MediaPathsTests {

	@Test
	void aPathUnderAPlainPrefixKeepsItsRawRest() {
		assertThat(MediaPaths.below("/media/a%20b.mp4", "/media/")).isEqualTo("a%20b.mp4");
		assertThat(MediaPaths.below("/mediax/a.mp4", "/media/")).isNull();
		assertThat(MediaPaths.below("/media", "/media/")).isNull();
	}

	@Test
	void aPrefixThatNeedsEncodingMatchesHoweverTheClientEncodesIt() {
		assertThat(MediaPaths.below("/vid%C3%A9os/song.mp3", "/vidéos/")).isEqualTo("song.mp3");
		assertThat(MediaPaths.below("/vid%c3%a9os/a/song%20x.mp3", "/vidéos/")).isEqualTo("a/song%20x.mp3");
		assertThat(MediaPaths.below("/%6Dedia/song.mp3", "/media/")).isEqualTo("song.mp3");
		assertThat(MediaPaths.below("/a/b%20c/song.mp3", "/a/b c/")).isEqualTo("song.mp3");
	}

	@Test
	void anEncodedSlashOrBadEncodingNeverMatchesAPrefix() {
		assertThat(MediaPaths.below("/a%2Fb/song.mp3", "/a/b/")).isNull();
		assertThat(MediaPaths.below("/vid%C3os/song.mp3", "/vidéos/")).isNull();
		assertThat(MediaPaths.below("/vid%ZZos/song.mp3", "/vidéos/")).isNull();
	}

}

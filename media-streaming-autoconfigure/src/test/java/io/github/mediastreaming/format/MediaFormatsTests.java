package io.github.mediastreaming.format;

import java.util.List;

import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MediaFormatsTests {

	private static final MediaIndexReader READER = (source, budget) -> new MediaIndex(source.size(), 0, 0, null);

	private static final MediaFormat MP4 = MediaFormat.named("mp4")
		.extension("mp4", "video/mp4")
		.extension("m4a", "audio/mp4")
		.reader(READER)
		.build();

	private static final MediaFormat MATROSKA = MediaFormat.named("matroska").extension("webm", "video/webm").build();

	@Test
	void formatComesFromTheExtensionWhateverItsCase() {
		MediaFormats formats = new MediaFormats(List.of(MP4, MATROSKA));
		assertThat(formats.forFileName("a/B.MP4")).isSameAs(MP4);
		assertThat(formats.forFileName("x.webm")).isSameAs(MATROSKA);
		assertThat(formats.forFileName("x.")).isSameAs(MediaFormat.UNKNOWN);
		assertThat(formats.forFileName("noextension")).isSameAs(MediaFormat.UNKNOWN);
		assertThat(formats.forFileName("dir.mp4/noextension")).isSameAs(MediaFormat.UNKNOWN);
		assertThat(formats.forFileName(".mp4")).isSameAs(MediaFormat.UNKNOWN);
	}

	@Test
	void contentTypeIsTheFormatsForItsExtensionElseSpringsElseOctetStream() {
		MediaFormats formats = new MediaFormats(List.of(MP4));
		assertThat(formats.contentType("song.M4A")).isEqualTo(MediaType.parseMediaType("audio/mp4"));
		assertThat(formats.contentType("notes.txt")).isEqualTo(MediaType.TEXT_PLAIN);
		assertThat(formats.contentType("blob.unknown-extension")).isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
	}

	@Test
	void theFirstFormatOfAnIdOrAnExtensionWins() {
		MediaFormat mine = MediaFormat.named("mp4").extension("mp4", "video/x-mine").build();
		MediaFormat other = MediaFormat.named("other").extension("m4a", "audio/x-other").build();
		MediaFormats formats = new MediaFormats(List.of(mine, MP4, other));
		assertThat(formats.forFileName("a.mp4")).isSameAs(mine);
		assertThat(formats.all()).containsExactly(mine, other);
		// The built-in mp4 lost its id to mine, so none of its extensions count.
		assertThat(formats.forFileName("a.m4a")).isSameAs(other);
		assertThat(formats.byId("MP4")).containsSame(mine);
	}

	@Test
	void aFormatNeedsAnIdAndAnExtension() {
		assertThatIllegalArgumentException().isThrownBy(() -> MediaFormat.named("Bad Id"));
		assertThatIllegalArgumentException().isThrownBy(() -> MediaFormat.named("x").extension(".mp4", "video/mp4"));
		assertThatIllegalStateException().isThrownBy(() -> MediaFormat.named("x").build());
		assertThatIllegalStateException().isThrownBy(() -> MediaFormat.named("x").extension("x", "video/x").reorders(true).build());
	}

}

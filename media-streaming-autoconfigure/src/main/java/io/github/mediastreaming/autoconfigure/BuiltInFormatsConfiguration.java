package io.github.mediastreaming.autoconfigure;

import io.github.mediastreaming.flv.FlvIndexReader;
import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.index.SeekUnit;
import io.github.mediastreaming.mp3.Mp3IndexReader;
import io.github.mediastreaming.mp4.Mp4IndexReader;
import io.github.mediastreaming.mp4.Mp4ParserRuntimeHints;
import io.github.mediastreaming.probe.AviIndexReader;
import io.github.mediastreaming.probe.MatroskaIndexReader;
import io.github.mediastreaming.probe.OggIndexReader;
import io.github.mediastreaming.probe.WavIndexReader;
import reactor.core.scheduler.Scheduler;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * The built-in formats, one bean each; a bean of the same name replaces one, and a user's format with
 * the same id or extension wins over a built-in one (user beans come first).
 */
@Configuration(proxyBeanMethods = false)
@ImportRuntimeHints(Mp4ParserRuntimeHints.class)
class BuiltInFormatsConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "mp4MediaFormat")
	MediaFormat mp4MediaFormat(MediaStreamingProperties properties,
			@Qualifier(MediaStreamingAutoConfiguration.BLOCKING_SCHEDULER) Scheduler blocking) {
		return MediaFormat.named("mp4")
			.extension("mp4", "video/mp4")
			.extension("m4v", "video/mp4")
			.extension("m4a", "audio/mp4")
			.extension("mov", "video/quicktime")
			// The same boxes under the brands of mobile recordings (3GPP).
			.extension("3gp", "video/3gpp")
			.extension("3g2", "video/3gpp2")
			// Adobe's MP4 of Flash video (H.264 and AAC under the f4v brand).
			.extension("f4v", "video/mp4")
			// A seek on a file not yet indexed waits for its index: an idle core reads a second track.
			.reader(new Mp4IndexReader(blocking::schedule))
			.seekUnit(SeekUnit.SECONDS)
			.reorders(properties.getMp4().isFaststart())
			.build();
	}

	@Bean
	@ConditionalOnMissingBean(name = "flvMediaFormat")
	MediaFormat flvMediaFormat() {
		return MediaFormat.named("flv")
			.extension("flv", "video/x-flv")
			.reader(new FlvIndexReader())
			.seekUnit(SeekUnit.BYTES)
			.build();
	}

	@Bean
	@ConditionalOnMissingBean(name = "mp3MediaFormat")
	MediaFormat mp3MediaFormat() {
		return MediaFormat.named("mp3")
			.extension("mp3", "audio/mpeg")
			.reader(new Mp3IndexReader())
			.seekUnit(SeekUnit.SECONDS)
			.build();
	}

	@Bean
	@ConditionalOnMissingBean(name = "oggMediaFormat")
	MediaFormat oggMediaFormat() {
		return MediaFormat.named("ogg")
			.extension("ogg", "audio/ogg")
			.extension("oga", "audio/ogg")
			.extension("ogv", "video/ogg")
			.extension("opus", "audio/ogg")
			.reader(new OggIndexReader())
			.build();
	}

	@Bean
	@ConditionalOnMissingBean(name = "wavMediaFormat")
	MediaFormat wavMediaFormat() {
		return MediaFormat.named("wav").extension("wav", "audio/wav").reader(new WavIndexReader()).build();
	}

	@Bean
	@ConditionalOnMissingBean(name = "aviMediaFormat")
	MediaFormat aviMediaFormat() {
		return MediaFormat.named("avi").extension("avi", "video/x-msvideo").reader(new AviIndexReader()).build();
	}

	@Bean
	@ConditionalOnMissingBean(name = "matroskaMediaFormat")
	MediaFormat matroskaMediaFormat() {
		return MediaFormat.named("matroska")
			.extension("mkv", "video/x-matroska")
			.extension("mka", "audio/x-matroska")
			.extension("webm", "video/webm")
			.reader(new MatroskaIndexReader())
			.build();
	}

}

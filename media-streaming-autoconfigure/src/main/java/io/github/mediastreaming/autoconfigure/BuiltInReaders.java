package io.github.mediastreaming.autoconfigure;

import java.util.EnumMap;
import java.util.Map;

import io.github.mediastreaming.index.MediaFormat;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.flv.FlvIndexReader;
import io.github.mediastreaming.mp3.Mp3IndexReader;
import io.github.mediastreaming.mp4.Mp4IndexReader;
import io.github.mediastreaming.probe.AviIndexReader;
import io.github.mediastreaming.probe.MatroskaIndexReader;
import io.github.mediastreaming.probe.OggIndexReader;
import io.github.mediastreaming.probe.WavIndexReader;

/**
 * The reader of each built-in format, wired here so the index package does not depend on the format
 * packages (they depend on it).
 */
final class BuiltInReaders {

	private BuiltInReaders() {
	}

	static Map<MediaFormat, MediaIndexReader> all() {
		Map<MediaFormat, MediaIndexReader> readers = new EnumMap<>(MediaFormat.class);
		readers.put(MediaFormat.FLV, new FlvIndexReader());
		readers.put(MediaFormat.MP3, new Mp3IndexReader());
		readers.put(MediaFormat.MP4, new Mp4IndexReader());
		readers.put(MediaFormat.WAV, new WavIndexReader());
		readers.put(MediaFormat.OGG, new OggIndexReader());
		readers.put(MediaFormat.AVI, new AviIndexReader());
		readers.put(MediaFormat.MATROSKA, new MatroskaIndexReader());
		return readers;
	}

}

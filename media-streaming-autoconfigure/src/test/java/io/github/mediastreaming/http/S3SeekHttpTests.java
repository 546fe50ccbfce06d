package io.github.mediastreaming.http;

import io.github.mediastreaming.testsupport.S3ProxyExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every behaviour of {@link SeekHttpTests} ({@code ?start=} for MP3, FLV and MP4, decoded by ffmpeg, with
 * ranges and preconditions on the rebuilt documents), with the files indexed and cut from an S3 bucket
 * (s3proxy): the readers' reads are ranged GETs, an MP4 whose moov follows its media is indexed from a
 * tail range.
 */
class S3SeekHttpTests extends SeekHttpTests {

	@RegisterExtension
	static final S3ProxyExtension s3 = new S3ProxyExtension();

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		s3.properties(registry, "media-seek", ROOT);
	}

}

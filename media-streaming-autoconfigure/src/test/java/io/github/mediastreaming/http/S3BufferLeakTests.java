package io.github.mediastreaming.http;

import io.github.mediastreaming.testsupport.S3ProxyExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link BufferLeakTests} with the files in an S3 bucket (s3proxy): hang-ups in paced, seeked, ranged and
 * unpaced bodies read ahead from the store, under Netty's paranoid leak detector (tagged
 * {@code buffer-leak} like its parent, so it runs in that JVM of its own).
 */
class S3BufferLeakTests extends BufferLeakTests {

	@RegisterExtension
	static final S3ProxyExtension s3 = new S3ProxyExtension();

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		s3.properties(registry, "media-leaks", ROOT);
	}

}

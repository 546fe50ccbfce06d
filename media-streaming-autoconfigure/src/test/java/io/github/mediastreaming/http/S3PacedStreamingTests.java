package io.github.mediastreaming.http;

import io.github.mediastreaming.testsupport.S3ProxyExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every behaviour of {@link PacedStreamingTests} (paced bodies and ranges on their schedule, rules by path
 * and format), with the bodies read ahead from an S3 bucket (s3proxy) on the buffer path.
 */
class S3PacedStreamingTests extends PacedStreamingTests {

	@RegisterExtension
	static final S3ProxyExtension s3 = new S3ProxyExtension();

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		s3.properties(registry, "media-paced", ROOT);
	}

}

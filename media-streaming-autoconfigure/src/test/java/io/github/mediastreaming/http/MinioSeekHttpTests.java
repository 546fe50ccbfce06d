package io.github.mediastreaming.http;

import io.github.mediastreaming.testsupport.MinioContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every behaviour of {@link SeekHttpTests} with the files in MinIO (Testcontainers); skipped where no
 * Docker engine exists ({@link S3SeekHttpTests} runs the same against s3proxy everywhere).
 */
@Testcontainers(disabledWithoutDocker = true)
class MinioSeekHttpTests extends SeekHttpTests {

	@Container
	static final MinioContainer minio = new MinioContainer();

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		minio.properties(registry, "media-seek", ROOT);
	}

}

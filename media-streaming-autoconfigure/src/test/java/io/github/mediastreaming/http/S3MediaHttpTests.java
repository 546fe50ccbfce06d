package io.github.mediastreaming.http;

import io.github.mediastreaming.metrics.MediaMeters;
import io.github.mediastreaming.s3.S3MediaStore;
import io.github.mediastreaming.source.MediaStore;
import io.github.mediastreaming.testsupport.S3ProxyExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every behaviour of {@link MediaHttpTests} (statuses, headers, ranges, preconditions, problem details,
 * path safety), with the same files served from an S3 bucket (s3proxy) instead of the folder: the
 * validators come from the objects' metadata, the bodies from ranged GETs.
 */
class S3MediaHttpTests extends MediaHttpTests {

	@RegisterExtension
	static final S3ProxyExtension s3 = new S3ProxyExtension();

	@Autowired
	MediaStore store;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		s3.properties(registry, "media-http", ROOT);
	}

	@Test
	void theFilesComeFromTheBucketWithAStrongEtagDerivedFromTheObjects() {
		assertThat(this.store).isInstanceOf(S3MediaStore.class);
		double heads = storeRequests("head");
		double bytes = bytesRead();
		String etag = this.client.get()
			.uri("/media/clip.bin")
			.header(HttpHeaders.RANGE, "bytes=0-9")
			.exchange()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getETag();
		assertThat(etag).startsWith("\"").doesNotStartWith("W/").doesNotContain("-");
		assertThat(storeRequests("head")).isEqualTo(heads + 1);
		assertThat(bytesRead()).isEqualTo(bytes + 10);
	}

	private double storeRequests(String operation) {
		// One timer per outcome: count them all.
		return this.meters.find(MediaMeters.STORE_REQUESTS)
			.tag(MediaMeters.OPERATION, operation)
			.timers()
			.stream()
			.mapToLong((timer) -> timer.count())
			.sum();
	}

	private double bytesRead() {
		var counter = this.meters.find(MediaMeters.STORE_BYTES_READ).counter();
		return (counter != null) ? counter.count() : 0;
	}

}

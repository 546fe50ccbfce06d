package io.github.mediastreaming.delivery;

import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.index.MediaIndex;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The application the transport tests serve: WAV files are 800 kbit/s whatever their bytes. */
@SpringBootConfiguration
@EnableAutoConfiguration
class TransportTestApplication {

	@Bean
	MediaFormat wavMediaFormat() {
		return MediaFormat.named("wav")
			.extension("wav", "audio/wav")
			.reader((source, budget) -> new MediaIndex(source.size(), 7_000_000, 800_000, null))
			.build();
	}

}

package io.github.mediastreaming.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A WebFlux application whose only media code is the starter dependency and three lines of
 * {@code application.yml}: it streams the files of {@code ./media} under {@code /media}.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}

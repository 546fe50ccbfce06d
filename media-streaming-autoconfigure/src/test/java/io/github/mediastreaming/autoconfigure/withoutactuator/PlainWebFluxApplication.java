package io.github.mediastreaming.autoconfigure.withoutactuator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.util.ClassUtils;

/**
 * The application a new user writes: a main class, the starter on the classpath and nothing else, run in
 * a JVM of its own by {@code StarterWithoutActuatorTests}. It first prints whether Spring Boot's
 * metrics module is on its classpath, so the test can tell that it really runs without it.
 */
@SpringBootApplication
public class PlainWebFluxApplication {

	/** What the application prints first, followed by {@code true} or {@code false}. */
	public static final String METRICS_PRESENT = "metrics module present: ";

	public static void main(String[] args) {
		System.out.println(METRICS_PRESENT + ClassUtils.isPresent(
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration", null));
		SpringApplication.run(PlainWebFluxApplication.class, args);
	}

}

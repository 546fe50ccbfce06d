package io.github.mediastreaming.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Says why nothing is streamed when the starter is in a servlet application. The media route is a WebFlux
 * router function, and Spring Boot starts a servlet server (no WebFlux routes) as soon as Spring MVC is on
 * the classpath, even with the starter's WebFlux beside it: without this warning every media request would
 * get a plain 404 and the log would say nothing.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "media.streaming.enabled", matchIfMissing = true)
public final class MediaStreamingServletApplicationAutoConfiguration {

	@Bean
	static NotReactiveWarning mediaStreamingNotReactiveWarning() {
		return new NotReactiveWarning();
	}

	/** Logs the warning once the application's beans are created. */
	static final class NotReactiveWarning implements SmartInitializingSingleton {

		static final String MESSAGE = "media-streaming serves media from a reactive (WebFlux) server only, and "
				+ "this is a servlet application (Spring MVC is on the classpath), so no media route is registered. "
				+ "Set spring.main.web-application-type=reactive to run on WebFlux, "
				+ "or media.streaming.enabled=false to leave media out.";

		private static final Log logger = LogFactory.getLog(MediaStreamingServletApplicationAutoConfiguration.class);

		@Override
		public void afterSingletonsInstantiated() {
			logger.warn(MESSAGE);
		}

	}

}

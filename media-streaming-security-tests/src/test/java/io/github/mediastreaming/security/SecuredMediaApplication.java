package io.github.mediastreaming.security;

import io.github.mediastreaming.signing.MediaUrlSigner;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * An application as a user would write it: every page needs a login (HTTP Basic, stateless), and its
 * page {@code /watch} embeds a {@code <video src>} link that the {@link MediaUrlSigner} signed. The media
 * routes are left to the signatures: a {@code <video>} element cannot send an {@code Authorization}
 * header, so Spring Security lets {@code /media/**} through and media-streaming refuses every request
 * whose link is not signed (403) or has expired (410).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class SecuredMediaApplication {

	static final String USER = "viewer";

	static final String PASSWORD = "a password for the test";

	@Bean
	SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http) {
		return http
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/media/**").permitAll().anyExchange().authenticated())
			.httpBasic(Customizer.withDefaults())
			.build();
	}

	@Bean
	MapReactiveUserDetailsService users() {
		return new MapReactiveUserDetailsService(
				User.withUsername(USER).password("{noop}" + PASSWORD).roles("VIEWER").build());
	}

	@Bean
	RouterFunction<ServerResponse> watchPage(MediaUrlSigner signer) {
		return RouterFunctions.route()
			.GET("/watch", (request) -> ServerResponse.ok()
				.contentType(MediaType.TEXT_HTML)
				.bodyValue("<!doctype html><video controls src=\"" + HtmlUtils.htmlEscape(signer.sign("/media/clip.wav"))
						+ "\"></video>"))
			.build();
	}

}

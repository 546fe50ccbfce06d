package io.github.mediastreaming.http;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.mediastreaming.signing.SignedUrlSettings;
import io.github.mediastreaming.signing.SignedUrlVerifier;
import io.github.mediastreaming.signing.Verdict;
import io.github.mediastreaming.signing.VerificationListener;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriUtils;

/**
 * Lets through only requests whose link is signed ({@link SignedUrlVerifier}); a filter on the media
 * router, so it sees exactly the requests the media routes answer (GET, HEAD and the 405 for the rest),
 * under whatever prefix and base path, and {@link MediaHandler} never knows it exists. A missing, wrong
 * or over-long signature is a 403 problem, an expired one a 410; neither says which part was wrong.
 * The signed path is the request path decoded, as nginx's {@code $uri}; a parameter given twice is
 * treated as missing, so no two readings of one query can disagree. A valid link's seconds left go to
 * the handler in a request attribute, so no cache reuses its response after it expires.
 */
public final class SignedUrlFilter implements HandlerFilterFunction<ServerResponse, ServerResponse> {

	/** The request attribute holding a valid link's seconds left (a {@code Long}). */
	static final String SECONDS_LEFT_ATTRIBUTE = SignedUrlFilter.class.getName() + ".secondsLeft";

	private final SignedUrlVerifier verifier;

	private final String expiresParameter;

	private final String signatureParameter;

	private final VerificationListener listener;

	/**
	 * Create the filter.
	 * @param verifier checks links
	 * @param settings the parameter names
	 * @param listener told of every refusal
	 */
	public SignedUrlFilter(SignedUrlVerifier verifier, SignedUrlSettings settings, VerificationListener listener) {
		this.verifier = verifier;
		this.expiresParameter = settings.expiresParameter();
		this.signatureParameter = settings.signatureParameter();
		this.listener = listener;
	}

	@Override
	public Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
		Verdict verdict = verdict(request);
		if (verdict.valid()) {
			String expires = single(request.queryParams(), this.expiresParameter);
			if (expires != null) {
				request.attributes().put(SECONDS_LEFT_ATTRIBUTE, this.verifier.secondsLeft(expires));
			}
			return next.handle(request);
		}
		this.listener.refused(verdict);
		if (verdict == Verdict.EXPIRED) {
			return MediaProblems.of(HttpStatus.GONE, "This link has expired", request);
		}
		return MediaProblems.of(HttpStatus.FORBIDDEN, "This link is not valid", request);
	}

	private Verdict verdict(ServerRequest request) {
		MultiValueMap<String, String> query = request.queryParams();
		String expires = single(query, this.expiresParameter);
		String signature = single(query, this.signatureParameter);
		if (expires == null || signature == null) {
			return Verdict.MISSING;
		}
		String path;
		try {
			path = UriUtils.decode(request.requestPath().value(), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return Verdict.INVALID;
		}
		return this.verifier.verify(path, expires, signature);
	}

	private static @Nullable String single(MultiValueMap<String, String> query, String name) {
		List<String> values = query.get(name);
		return (values != null && values.size() == 1) ? values.get(0) : null;
	}

}

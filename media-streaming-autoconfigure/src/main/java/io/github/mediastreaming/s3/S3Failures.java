package io.github.mediastreaming.s3;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.github.mediastreaming.source.MediaStoreListener.Outcome;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What an S3 request's failure means for us: the store's answer (its status code) classified into an
 * {@link Outcome}, and how long a throttled client should wait. Pure functions.
 */
final class S3Failures {

	/** S3 sends no Retry-After with SlowDown; one second is what its guidance on backing off starts with. */
	static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

	private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

	private S3Failures() {
	}

	/**
	 * Return the SDK's exception behind the wrappers of a failed future.
	 * @param failure what the future failed with
	 * @return the cause that says what happened
	 */
	static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	/**
	 * Classify a failure.
	 * @param failure the (unwrapped) failure
	 * @return the outcome: a 404 is {@code NOT_FOUND}, a 412 {@code CHANGED}, a 401 or 403 {@code DENIED},
	 * SlowDown, a 429 or a 503 {@code THROTTLED}, a cancellation {@code CANCELLED}, anything else (another
	 * status, a network failure, a timeout) {@code ERROR}
	 */
	static Outcome outcome(Throwable failure) {
		if (failure instanceof CancellationException) {
			return Outcome.CANCELLED;
		}
		if (failure instanceof AwsServiceException service) {
			int status = service.statusCode();
			if (status == 404) {
				return Outcome.NOT_FOUND;
			}
			if (status == 412) {
				return Outcome.CHANGED;
			}
			if (status == 401 || status == 403) {
				return Outcome.DENIED;
			}
			if (status == 429 || status == 503 || service.isThrottlingException()) {
				return Outcome.THROTTLED;
			}
		}
		return Outcome.ERROR;
	}

	/**
	 * Return how long a client should wait after the store throttled us: the store's own Retry-After when
	 * it sent one in seconds (some S3-compatible stores do), else one second.
	 * @param failure the (unwrapped) failure
	 * @return the delay, between one second and five minutes
	 */
	static Duration retryAfter(Throwable failure) {
		if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null
				&& service.awsErrorDetails().sdkHttpResponse() != null) {
			String value = service.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After").orElse(null);
			Duration seconds = seconds(value);
			if (seconds != null) {
				return (seconds.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : seconds;
			}
		}
		return DEFAULT_RETRY_AFTER;
	}

	private static @Nullable Duration seconds(@Nullable String value) {
		if (value == null || value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
			return null;
		}
		long seconds = Long.parseLong(value);
		return (seconds >= 1) ? Duration.ofSeconds(seconds) : DEFAULT_RETRY_AFTER;
	}

	/**
	 * Describe a failure for the log, never for a client: the status and the store's error code, or the
	 * exception's class and message.
	 * @param failure the (unwrapped) failure
	 * @return the description
	 */
	static String describe(Throwable failure) {
		if (failure instanceof AwsServiceException service) {
			String code = (service.awsErrorDetails() != null) ? service.awsErrorDetails().errorCode() : null;
			return service.statusCode() + ((code != null) ? " " + code : "");
		}
		return failure.getClass().getSimpleName() + ((failure.getMessage() != null) ? ": " + failure.getMessage() : "");
	}

}

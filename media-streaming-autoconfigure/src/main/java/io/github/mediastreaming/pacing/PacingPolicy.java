package io.github.mediastreaming.pacing;

/**
 * Decides how each response is paced. The default, {@link PropertiesPacingPolicy}, applies
 * {@code media.streaming.*} and its rules; a bean of this type replaces it. For example, a larger boost
 * for signed-in users:
 * <pre class="code">
 * &#64;Bean
 * PacingPolicy mediaPacingPolicy(MediaStreamingProperties properties) {
 *     PacingPolicy defaults = properties.pacingPolicy();
 *     return (request) -&gt; {
 *         PacingParameters parameters = defaults.parametersFor(request);
 *         return (request.principal() != null) ? parameters.with(null, null, Duration.ofSeconds(30)) : parameters;
 *     };
 * }
 * </pre>
 * Called on the event loop for every response that has a body: it must be quick and must not block.
 */
@FunctionalInterface
public interface PacingPolicy {

	/**
	 * Decide the parameters of one response.
	 * @param request what is known about the request
	 * @return the parameters
	 */
	PacingParameters parametersFor(PacingRequest request);

}

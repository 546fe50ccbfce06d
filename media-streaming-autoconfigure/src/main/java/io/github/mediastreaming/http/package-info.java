/**
 * The HTTP layer: a WebFlux router function that resolves a request to a file under the media root,
 * evaluates conditional and range headers, asks the index service for a seek plan and streams the
 * resulting body, paced or zero-copy. Each concern is its own small class; {@link io.github.mediastreaming.http.MediaHandler}
 * only wires them together.
 */
@NullMarked
package io.github.mediastreaming.http;

import org.jspecify.annotations.NullMarked;

/**
 * The live state of every response being streamed: a {@link io.github.mediastreaming.stream.StreamRegistry}
 * of {@link io.github.mediastreaming.stream.ActiveStream}s that the HTTP layer opens and closes, and a
 * {@link io.github.mediastreaming.stream.StreamListener} through which metrics and tracing observe them.
 */
@NullMarked
package io.github.mediastreaming.stream;

import org.jspecify.annotations.NullMarked;

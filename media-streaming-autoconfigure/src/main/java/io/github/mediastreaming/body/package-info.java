/**
 * What a response sends, as a plan: a {@link io.github.mediastreaming.body.MediaBody} is a sequence of
 * in-memory parts (a rebuilt FLV header), parts produced on demand (a rebuilt MP4 {@code moov}, through
 * {@link io.github.mediastreaming.body.GeneratedContent}) and regions of the file. Cutting code
 * (FLV, MP4, MP3 seeking) produces a plan from an index without touching the network; the HTTP layer
 * slices it for a {@code Range} and streams it.
 */
@NullMarked
package io.github.mediastreaming.body;

import org.jspecify.annotations.NullMarked;

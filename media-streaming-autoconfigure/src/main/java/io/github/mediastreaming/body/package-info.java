/**
 * What a response sends, as a plan: a {@link io.github.mediastreaming.body.MediaBody} is a sequence of
 * in-memory parts (a rebuilt header, a rebuilt {@code moov}) and regions of the file. Cutting code
 * (FLV, MP4, MP3 seeking) produces a plan from an index without touching the network; the HTTP layer
 * slices it for a {@code Range} and streams it.
 */
@NullMarked
package io.github.mediastreaming.body;

import org.jspecify.annotations.NullMarked;

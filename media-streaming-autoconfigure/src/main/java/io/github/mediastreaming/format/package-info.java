/**
 * Media formats as data: a {@link io.github.mediastreaming.format.MediaFormat} names a container, its
 * extensions and content types, its index reader and its seek unit, and
 * {@link io.github.mediastreaming.format.MediaFormats} maps file names onto formats in one place. The
 * rest of the server never names a format: it asks the file's format for its reader and seek unit, as
 * Media3 asks an {@code ExtractorsFactory} for extractors.
 */
@NullMarked
package io.github.mediastreaming.format;

import org.jspecify.annotations.NullMarked;

/**
 * Where media files come from: a {@link io.github.mediastreaming.source.MediaStore} finds the file a
 * request names and opens its bytes; {@link io.github.mediastreaming.source.LocalMediaStore} serves a
 * folder. Another store (object storage) is another bean of that type.
 */
@NullMarked
package io.github.mediastreaming.source;

import org.jspecify.annotations.NullMarked;

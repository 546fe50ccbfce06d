/**
 * Byte-level reading shared by every container reader: a random-access {@link io.github.mediastreaming.bytes.MediaSource}
 * over a file (or an array in tests), a small big-endian {@link io.github.mediastreaming.bytes.ByteCursor}, and
 * {@link io.github.mediastreaming.bytes.BigEndian} fields for tables read and written in bulk.
 *
 * <p>Our own code rather than a library: readers need positioned reads of a few header bytes at known
 * offsets (never the whole file), and a cursor with 24-bit and syncsafe integers that no common library offers.
 */
@NullMarked
package io.github.mediastreaming.bytes;

import org.jspecify.annotations.NullMarked;

/**
 * Test helpers shared by the format readers' tests: real ffmpeg/ffprobe as reference clients, and
 * materialising body plans into files.
 */
@NullMarked
package io.github.mediastreaming.testsupport;

import org.jspecify.annotations.NullMarked;

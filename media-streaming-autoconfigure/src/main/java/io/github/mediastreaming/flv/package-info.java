/**
 * FLV indexing and {@code ?start=BYTES} seeking that works for every FLV, H.264/AAC included.
 *
 * <p>The key-frame index comes from the real tags: the {@code keyframes} object of {@code onMetaData}
 * (what yamdi, flvtool2 and ffmpeg's {@code add_keyframe_index} write) is used only when every position
 * it lists is verified to be a video key-frame tag; otherwise the tag headers are scanned (11 bytes a
 * tag, payloads skipped). A seek answers with a fresh FLV header carrying the file's own audio/video
 * flags, {@code onMetaData}, the AVC and AAC sequence-header tags (without them an H.264/AAC stream cut
 * mid-file cannot be decoded), then the file from the key frame at or before the requested offset.
 *
 * <p>Our own parser: FLV is a flat sequence of small tags, and AMF0 needs only six value types here; no
 * maintained Java library reads them without a media framework.
 */
@NullMarked
package io.github.mediastreaming.flv;

import org.jspecify.annotations.NullMarked;

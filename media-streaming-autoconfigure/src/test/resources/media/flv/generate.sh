#!/usr/bin/env bash
# Fixtures for the FLV tests: 8 s at 25 fps, a key frame every second (frame 25k at k seconds).
set -euo pipefail
cd "$(dirname "$0")"
video=(-f lavfi -i "testsrc2=size=96x64:rate=25:duration=8")
tone=(-f lavfi -i "sine=frequency=440:duration=8")
# H.264/AAC with onMetaData keyframes (what players seek by).
ffmpeg -y -v error "${video[@]}" "${tone[@]}" -c:v libx264 -preset veryfast -g 25 -keyint_min 25 -sc_threshold 0 \
  -b:v 80k -c:a aac -b:a 32k -flvflags add_keyframe_index h264aac.flv
# Sorenson Spark/MP3, never indexed.
ffmpeg -y -v error "${video[@]}" "${tone[@]}" -c:v flv1 -g 25 -b:v 80k -c:a libmp3lame -ar 22050 -b:a 32k sorenson.flv
# Audio only (MP3).
ffmpeg -y -v error "${tone[@]}" -c:a libmp3lame -ar 44100 -b:a 32k audio.flv

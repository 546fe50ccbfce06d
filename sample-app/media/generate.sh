#!/usr/bin/env bash
# Regenerates the sample app's demo media (a test pattern with a tone). Needs ffmpeg with libx264,
# libmp3lame, libvorbis and libopus (Debian's ffmpeg package has them all).
set -euo pipefail
cd "$(dirname "$0")"
src=(-f lavfi -i "testsrc2=size=320x180:rate=25:duration=20" -f lavfi -i "sine=frequency=440:duration=20")
ffmpeg -y -v error "${src[@]}" -c:v libx264 -preset veryfast -b:v 250k -g 50 -c:a aac -b:a 64k \
  -movflags +faststart demo.mp4
ffmpeg -y -v error "${src[@]}" -c:v libx264 -preset veryfast -b:v 250k -g 50 -c:a aac -b:a 64k \
  -flvflags add_keyframe_index demo.flv
ffmpeg -y -v error -f lavfi -i "sine=frequency=440:duration=20" -c:a libmp3lame -b:a 64k \
  -metadata title="Demo tone" demo.mp3
ffmpeg -y -v error -f lavfi -i "sine=frequency=440:duration=20" -c:a libopus -b:a 48k demo.opus

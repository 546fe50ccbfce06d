#!/usr/bin/env bash
# Fixtures for the MP4 tests: 8 s, 25 fps, a key frame every 2 s (frames 0, 50, 100, 150).
set -euo pipefail
cd "$(dirname "$0")"
video=(-f lavfi -i "testsrc2=size=96x64:rate=25:duration=8")
tone=(-f lavfi -i "sine=frequency=440:duration=8")
low=(-f lavfi -i "sine=frequency=220:duration=8")
x264=(-c:v libx264 -preset veryfast -g 50 -keyint_min 50 -sc_threshold 0 -b:v 60k)
ffmpeg -y -v error "${video[@]}" "${tone[@]}" "${x264[@]}" -bf 0 -c:a aac -b:a 32k -movflags +faststart faststart.mp4
ffmpeg -y -v error "${video[@]}" "${tone[@]}" "${x264[@]}" -bf 2 -c:a aac -b:a 32k -movflags +faststart bframes.mp4
ffmpeg -y -v error "${video[@]}" "${tone[@]}" "${x264[@]}" -bf 2 -c:a aac -b:a 32k moovend.mp4
ffmpeg -y -v error "${tone[@]}" -c:a aac -b:a 32k -movflags +faststart audio.m4a
ffmpeg -y -v error "${video[@]}" "${tone[@]}" "${low[@]}" -map 0:v -map 1:a -map 2:a "${x264[@]}" -bf 0 \
  -c:a aac -b:a 32k -movflags +faststart twoaudio.mp4
ffmpeg -y -v error "${video[@]}" "${tone[@]}" "${x264[@]}" -c:a aac -b:a 32k -movflags frag_keyframe+empty_moov \
  fragmented.mp4
# Audio starting 1 s after the video: ffmpeg writes an empty edit before the audio's media edit.
ffmpeg -y -v error "${video[@]}" -itsoffset 1 "${tone[@]}" "${x264[@]}" -bf 0 -c:a aac -b:a 32k -movflags +faststart \
  delayed.mp4

#!/usr/bin/env bash
# Fixtures for the probe readers' tests: short, small, each a different container.
set -euo pipefail
cd "$(dirname "$0")"
tone=(-f lavfi -i "sine=frequency=440:duration=6")
video=(-f lavfi -i "testsrc2=size=96x64:rate=15:duration=6")
ffmpeg -y -v error "${tone[@]}" -c:a libvorbis -b:a 64k vorbis.ogg
ffmpeg -y -v error "${tone[@]}" -c:a libopus -b:a 32k opus.opus
ffmpeg -y -v error -f lavfi -i "sine=frequency=440:sample_rate=8000:duration=3" -ac 1 -c:a pcm_s16le pcm.wav
ffmpeg -y -v error "${video[@]}" "${tone[@]}" -c:v mpeg4 -b:v 100k -c:a libmp3lame -b:a 32k -ar 22050 clip.avi
ffmpeg -y -v error "${video[@]}" "${tone[@]}" -c:v libx264 -preset veryfast -b:v 100k -c:a aac -b:a 32k clip.mkv
ffmpeg -y -v error "${video[@]}" "${tone[@]}" -c:v libvpx -b:v 100k -c:a libopus -b:a 32k clip.webm

#!/usr/bin/env bash
# Fixtures for the MP3 tests: CBR with an ID3v2 tag, VBR with a Xing TOC, MPEG-2 (22.05 kHz), and one
# with an ID3v1 tag at the end. A chirp, so every second sounds different.
set -euo pipefail
cd "$(dirname "$0")"
src=(-f lavfi -i "aevalsrc=sin(2*PI*(200+40*t)*t):s=44100:d=12")
ffmpeg -y -v error "${src[@]}" -c:a libmp3lame -b:a 64k -metadata title="CBR fixture" cbr.mp3
ffmpeg -y -v error "${src[@]}" -c:a libmp3lame -q:a 6 -metadata title="VBR fixture" vbr.mp3
ffmpeg -y -v error "${src[@]}" -ar 22050 -c:a libmp3lame -b:a 32k mpeg2.mp3
ffmpeg -y -v error "${src[@]}" -c:a libmp3lame -b:a 48k -write_id3v1 1 -metadata title="ID3v1" id3v1.mp3

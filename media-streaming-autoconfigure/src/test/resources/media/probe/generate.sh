#!/bin/sh
# Regenerates the probe fixtures: small synthetic files (a sine tone, a test pattern) for the
# bitrate/duration probes of the probe package. Run from this directory. ffmpeg 5+ with libvorbis,
# libopus, libmp3lame, libx264 and libvpx. Each output stays well under 300 KB.
set -eu

FF="ffmpeg -hide_banner -loglevel error -y -bitexact"
TONE="sine=frequency=440:sample_rate=48000:duration=6"
NOISE="anoisesrc=color=pink:sample_rate=44100:amplitude=0.3:duration=6:seed=1"
VIDEO="testsrc2=size=96x64:rate=12:duration=6"

# Ogg Vorbis, VBR (quality 0): a tone mixed with noise so the real average differs from the nominal
$FF -f lavfi -i "$TONE" -f lavfi -i "$NOISE" -filter_complex amix=inputs=2 -ac 1 -ar 22050 \
	-c:a libvorbis -q:a 0 vorbis.ogg
# Ogg Vorbis, VBR (quality 6) of a pure tone: declares a nominal 192 kbit/s but averages about 36
$FF -f lavfi -i "sine=frequency=440:sample_rate=44100:duration=6" -ac 2 -c:a libvorbis -q:a 6 vorbis-tone.ogg
# Ogg Opus, 24 kbit/s, twice: .ogg and .opus extensions
$FF -f lavfi -i "$TONE" -f lavfi -i "$NOISE" -filter_complex amix=inputs=2 -ac 1 \
	-c:a libopus -b:a 24k opus.ogg
$FF -f lavfi -i "$TONE" -f lavfi -i "$NOISE" -filter_complex amix=inputs=2 -ac 1 \
	-c:a libopus -b:a 16k opus.opus
# WAV, 8 kHz mono 16-bit PCM (6 s = 96 000 bytes of samples)
$FF -f lavfi -i "$TONE" -ac 1 -ar 8000 -c:a pcm_s16le -t 6 pcm.wav
# AVI, MPEG-4 part 2 video + MP3 audio
$FF -f lavfi -i "$VIDEO" -f lavfi -i "$TONE" -c:v mpeg4 -q:v 12 -c:a libmp3lame -b:a 32k -ac 1 -ar 22050 \
	-shortest video.avi
# Matroska, H.264 + AAC
$FF -f lavfi -i "$VIDEO" -f lavfi -i "$TONE" -c:v libx264 -preset veryfast -crf 35 -pix_fmt yuv420p \
	-c:a aac -b:a 32k -ac 1 -shortest video.mkv
# WebM, VP8 + Opus
$FF -f lavfi -i "$VIDEO" -f lavfi -i "$TONE" -c:v libvpx -b:v 100k -c:a libopus -b:a 24k -ac 1 \
	-shortest video.webm

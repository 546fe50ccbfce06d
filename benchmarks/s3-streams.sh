#!/usr/bin/env bash
# Paced streams served from S3 (s3proxy on loopback): N concurrent 128 kbit/s streams, each reading its
# body from the store in ranged GETs sized to its rate. Prints the load client's rates, CPU and heap, then
# the store's figures: GETs per stream, bytes read from the store against bytes sent, and the live heap
# per stream (heap after a full GC while every stream is active, minus the same before the load).
#   benchmarks/s3-streams.sh [streams=1000] [media-seconds=60] [heap=512m] [store=s3|local]
# SKIP_BUILD=1 reuses the last build (build first, outside the exclusive lock).
set -euo pipefail
cd "$(dirname "$0")/.."
streams=${1:-1000}
seconds=${2:-60}
heap=${3:-512m}
store=${4:-s3}
app_port=20180
s3_port=20181
ulimit -n 65536 2>/dev/null || true
. benchmarks/s3-lib.sh

[ "${SKIP_BUILD:-}" = 1 ] || ./mvnw -B -q -DskipTests package
[ "${SKIP_BUILD:-}" = 1 ] || ./mvnw -B -q -pl media-streaming-autoconfigure dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test

work=$(mktemp -d)
app_pid=; s3proxy_pid=
trap 'kill $app_pid $s3proxy_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
# 8 kHz mono 16-bit PCM is exactly 128 kbit/s (16,000 bytes/s).
mkdir -p "$work/media"
ffmpeg -v error -f lavfi -i "sine=frequency=440:sample_rate=8000:duration=$seconds" -ac 1 -c:a pcm_s16le "$work/media/tone.wav"

if [ "$store" = s3 ]; then
  s3proxy_start "$work/s3" $s3_port
  s3_put $s3_port media tone.wav "$work/media/tone.wav"
  # shellcheck disable=SC2046
  MEDIA_STREAMING_ROOT="$work/media" app_start $app_port "$heap" "$work/app.log" $(s3_args $s3_port media)
else
  MEDIA_STREAMING_ROOT="$work/media" app_start $app_port "$heap" "$work/app.log"
fi
curl -s -o /dev/null "http://127.0.0.1:$app_port/media/tone.wav" -r 0-999
baseline=$(live_heap_kb $app_pid)
( sleep 30; live_heap_kb $app_pid > "$work/heap-during" ) &
sampler=$!

# Target after the boost: 16,000 x 1.1 bytes/s; boost: 5 s x 16,000 bytes.
# Ramp 5 s, settle 10 s, a 20 s window: every stream is active when the heap is read at 30 s.
java -Xmx256m -XX:+UseSerialGC -cp media-streaming-autoconfigure/target/test-classes \
  io.github.mediastreaming.bench.PacedStreamsClient --label="$store" --port="$app_port" --path=/media/tone.wav \
  --streams="$streams" --ramp=5 --settle=10 --window=20 --boost=80000 --limit=17600 \
  --file-bytes="$(stat -c %s "$work/media/tone.wav")"
wait $sampler
during=$(cat "$work/heap-during")
sent=$(metric $app_port media.streams.bytes.sent)
echo "store: $store, object: $(stat -c %s "$work/media/tone.wav") bytes"
awk -v b="$baseline" -v d="$during" -v n="$streams" \
  'BEGIN { printf "live heap after full GC: %.1f MB before the load, %.1f MB with every stream active: %.1f KB per stream\n", b / 1024, d / 1024, (d - b) / n }'
if [ "$store" = s3 ]; then
  gets=$(metric $app_port media.store.requests "?tag=operation:stream")
  heads=$(metric $app_port media.store.requests "?tag=operation:head")
  reads=$(metric $app_port media.store.requests "?tag=operation:read")
  read=$(metric $app_port media.store.bytes.read)
  awk -v g="$gets" -v h="$heads" -v r="$reads" -v n="$streams" -v rd="$read" -v s="$sent" \
    'BEGIN { printf "store requests: %d body GETs (%.1f per stream), %d HEADs, %d index GETs\nbytes read from the store: %.1f MB, sent to clients: %.1f MB (%.3f read per byte sent)\n", g, g / n, h, r, rd / 1e6, s / 1e6, rd / s }'
fi

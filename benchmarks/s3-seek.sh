#!/usr/bin/env bash
# Time to first byte of ?start=3600 on a 2-hour MP4 (the file of benchmarks/mp4-cut.sh: 43 MB, a 6.5 MB
# moov) served from S3 (s3proxy on loopback) and, for comparison, from a local folder: the first request
# (a HEAD, the index read from ranged GETs, the cut) and the next 50 (the cached index: a HEAD and the
# cut), plus a plain GET as the baseline. Pacing is off, so the time is the seek, not the pacer.
#   benchmarks/s3-seek.sh [work-dir=/tmp/mp4-bench]
# SKIP_BUILD=1 reuses the last build (build first, outside the exclusive lock).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/mp4-bench}
app_port=20182
s3_port=20183
mkdir -p "$work"
. benchmarks/s3-lib.sh
if [ ! -f "$work/long.mp4" ]; then
  ffmpeg -y -v error -f lavfi -i "testsrc2=size=64x36:rate=25:duration=7200" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=7200" -c:v libx264 -preset ultrafast -g 50 \
    -b:v 40k -c:a aac -b:a 16k -ac 1 -movflags +faststart "$work/long.mp4"
fi
[ "${SKIP_BUILD:-}" = 1 ] || ./mvnw -B -q -DskipTests package

app_pid=; s3proxy_pid=
trap 'kill $app_pid $s3proxy_pid 2>/dev/null || true; rm -rf "$work/s3"' EXIT

ttfb() { # url count: first and median time to first byte, in ms
  local times=()
  for _ in $(seq 1 "$2"); do
    times+=("$(curl -s -o /dev/null -w '%{time_starttransfer}' "$1")")
  done
  local median
  median=$(printf '%s\n' "${times[@]:1}" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }')
  awk -v first="${times[0]}" -v median="$median" -v n="$(($2 - 1))" \
    'BEGIN { printf "first %.1f ms, then median %.1f ms (%d requests)\n", first * 1000, median * 1000, n }'
}

for store in s3 local; do
  if [ "$store" = s3 ]; then
    s3proxy_start "$work/s3" $s3_port
    s3_put $s3_port media long.mp4 "$work/long.mp4"
    # shellcheck disable=SC2046
    MEDIA_STREAMING_ROOT="$work" app_start $app_port 512m "$work/app-s3.log" $(s3_args $s3_port media) \
      --media.streaming.auto-rate=false
  else
    MEDIA_STREAMING_ROOT="$work" app_start $app_port 512m "$work/app-local.log" --media.streaming.auto-rate=false
  fi
  # Warm the JVM on another file's path (a 404 and a small range), not on this file's index.
  for _ in $(seq 1 20); do curl -s -o /dev/null "http://127.0.0.1:$app_port/media/none.mp4"; done
  echo "== $store"
  echo -n "start=3600: "; ttfb "http://127.0.0.1:$app_port/media/long.mp4?start=3600" 21
  echo -n "plain file: "; ttfb "http://127.0.0.1:$app_port/media/long.mp4" 21
  if [ "$store" = s3 ]; then
    echo "store requests: $(metric $app_port media.store.requests '?tag=operation:head') HEADs, $(metric $app_port media.store.requests '?tag=operation:read') index GETs, $(metric $app_port media.store.requests '?tag=operation:stream') body GETs; $(metric $app_port media.store.bytes.read) bytes read"
  fi
  kill $app_pid; wait $app_pid 2>/dev/null || true
  if [ "$store" = s3 ]; then kill $s3proxy_pid; wait $s3proxy_pid 2>/dev/null || true; fi
done

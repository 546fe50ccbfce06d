#!/usr/bin/env bash
# MP4 ?start= benchmark: a 2-hour H.264/AAC file (about 180,000 video and 340,000 audio samples),
# cut at one hour, here in process and over HTTP, and by nginx's mp4 module (Debian's nginx-extras) on
# the same file. Needs ffmpeg, curl and nginx-extras (apt-get install -y ffmpeg curl nginx-extras).
#   benchmarks/mp4-cut.sh [work-dir=/tmp/mp4-bench]
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/mp4-bench}
mkdir -p "$work"
if [ ! -f "$work/long.mp4" ]; then
  ffmpeg -y -v error -f lavfi -i "testsrc2=size=64x36:rate=25:duration=7200" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=7200" -c:v libx264 -preset ultrafast -g 50 \
    -b:v 40k -c:a aac -b:a 16k -ac 1 -movflags +faststart "$work/long.mp4"
fi

./mvnw -B -q -DskipTests install
./mvnw -B -q -pl media-streaming-autoconfigure test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="media-streaming-autoconfigure/target/test-classes:media-streaming-autoconfigure/target/classes:$(cat media-streaming-autoconfigure/target/bench-classpath.txt)"

echo "== in process"
java -cp "$cp" io.github.mediastreaming.bench.Mp4CutBenchmark "$work/long.mp4" 3600 200

ttfb() { # url count: median and first time to first byte, in ms
  local times=()
  for _ in $(seq 1 "$2"); do
    times+=("$(curl -s -o /dev/null -w '%{time_starttransfer}' "$1")")
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }')
  awk -v first="${times[0]}" -v median="$median" -v n="$2" \
    'BEGIN { printf "first %.1f ms, median %.1f ms (%d requests)\n", first * 1000, median * 1000, n }'
}

echo "== media-streaming over HTTP (pacing off, so the time is the cut, not the pacer)"
java -Xmx512m -jar sample-app/target/media-streaming-sample-app-*.jar --server.port=18081 \
  --media.streaming.root="$work" --media.streaming.auto-rate=false --logging.level.root=warn > "$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; nginx -c "$work/nginx.conf" -s stop 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs -o /dev/null "http://127.0.0.1:18081/media/long.mp4" -r 0-0 && break; sleep 1; done
curl -s -o /dev/null -X DELETE "http://127.0.0.1:18081/actuator/media/long.mp4" || true
echo -n "start=3600: "; ttfb "http://127.0.0.1:18081/media/long.mp4?start=3600" 50
echo -n "baseline, plain file: "; ttfb "http://127.0.0.1:18081/media/long.mp4" 50

echo "== nginx mp4 module"
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events {}
http {
  access_log off;
  server {
    listen 127.0.0.1:18090;
    location /media/ { alias $work/; mp4; mp4_max_buffer_size 64m; }
  }
}
CONF
nginx -c "$work/nginx.conf"
sleep 1
echo -n "start=3600: "; ttfb "http://127.0.0.1:18090/media/long.mp4?start=3600" 50
echo -n "baseline, plain file: "; ttfb "http://127.0.0.1:18090/media/long.mp4" 50

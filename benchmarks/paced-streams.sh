#!/usr/bin/env bash
# Paced-streams benchmark: N concurrent paced 128 kbit/s streams over loopback, server in its own JVM
# with a bounded heap. Prints delivered-rate accuracy, server CPU seconds and heap.
#   benchmarks/paced-streams.sh [streams=2000] [media-seconds=60] [heap=512m]
set -euo pipefail
cd "$(dirname "$0")/.."
streams=${1:-2000}
seconds=${2:-60}
heap=${3:-512m}
port=18080
ulimit -n 65536 2>/dev/null || true

./mvnw -B -q -DskipTests install
./mvnw -B -q -pl media-streaming-autoconfigure test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test

root=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$root"' EXIT
# 8 kHz mono 16-bit PCM is exactly 128 kbit/s (16,000 bytes/s).
ffmpeg -v error -f lavfi -i "sine=frequency=440:sample_rate=8000:duration=$seconds" -ac 1 -c:a pcm_s16le "$root/tone.wav"

java -Xmx"$heap" -XX:+UseSerialGC -jar sample-app/target/media-streaming-sample-app-*.jar \
  --server.port=$port --media.streaming.root="$root" --logging.level.root=warn \
  --management.endpoints.web.exposure.include=metrics > "$root/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/actuator/metrics" >/dev/null && break; sleep 1; done

# Target after the boost: 16,000 x 1.1 bytes/s; boost: 5 s x 16,000 bytes.
java -Xmx1g -cp "media-streaming-autoconfigure/target/test-classes:media-streaming-autoconfigure/target/classes:$(cat media-streaming-autoconfigure/target/bench-classpath.txt)" \
  io.github.mediastreaming.bench.PacedStreamsLoad "http://127.0.0.1:$port" /media/tone.wav "$streams" 80000 17600

#!/usr/bin/env bash
# FLV indexing benchmark: a 1-hour H.264/AAC FLV with the keyframes object of onMetaData (ffmpeg's
# add_keyframe_index) and the same file without metadata, which must be indexed by walking every tag.
# Needs ffmpeg.
#   benchmarks/flv-index.sh [work-dir=/tmp/flv-bench]
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/flv-bench}
mkdir -p "$work"
if [ ! -f "$work/long.flv" ]; then
  ffmpeg -y -v error -f lavfi -i "testsrc2=size=160x90:rate=25:duration=3600" \
    -f lavfi -i "sine=frequency=440:duration=3600" -c:v libx264 -preset ultrafast -g 50 -b:v 200k \
    -c:a aac -b:a 64k -flvflags add_keyframe_index "$work/long.flv"
fi
if [ ! -f "$work/noindex.flv" ]; then
  ffmpeg -y -v error -i "$work/long.flv" -c copy -flvflags no_metadata "$work/noindex.flv"
fi

./mvnw -B -q -pl media-streaming-autoconfigure test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="media-streaming-autoconfigure/target/test-classes:media-streaming-autoconfigure/target/classes:$(cat media-streaming-autoconfigure/target/bench-classpath.txt)"
java -cp "$cp" io.github.mediastreaming.bench.FlvIndexBenchmark "$work/long.flv" "$work/noindex.flv"

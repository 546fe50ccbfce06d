#!/usr/bin/env bash
# A longer fuzzing campaign than the 15 s per target of `./mvnw verify`, for one target or all of them.
# Targets are the classes in media-streaming-autoconfigure/src/test/java/io/github/mediastreaming/fuzz:
# Mp4FuzzTests FlvFuzzTests Mp3FuzzTests OggFuzzTests WavFuzzTests AviFuzzTests MatroskaFuzzTests.
#   benchmarks/fuzz.sh <target|all> <minutes per target> [distinct findings before a target stops=50]
# The corpus grows in media-streaming-autoconfigure/.cifuzz-corpus/ (kept between campaigns, ignored by
# git). Findings land in src/test/resources/io/github/mediastreaming/fuzz/<target>Inputs/<method>/ as
# crash-*/timeout-* files: fix the code, give each a descriptive name and commit it, and every
# `./mvnw verify` replays it. Inputs that made a dependency log at ERROR are listed in
# media-streaming-autoconfigure/target/fuzz-dependency-errors/. Not a measurement: run it under the
# shared lock (flock -s /tmp/bench.lock benchmarks/fuzz.sh ...).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
  sed -n '2,10p' "$0"
  exit 2
fi
target=$1
minutes=$2
keep_going=${3:-50}
all=(Mp4FuzzTests FlvFuzzTests Mp3FuzzTests OggFuzzTests WavFuzzTests AviFuzzTests MatroskaFuzzTests)
if [ "$target" = all ]; then targets=("${all[@]}"); else targets=("$target"); fi

./mvnw -B -q -pl media-streaming-autoconfigure test-compile
status=0
for t in "${targets[@]}"; do
  log=media-streaming-autoconfigure/target/fuzz-$t.log
  echo "== $t: $minutes min (log: $log)"
  # surefire:test@fuzz is the build's fuzzing execution: JAZZER_FUZZ=1, a JVM per target.
  if ! ./mvnw -B -o -pl media-streaming-autoconfigure surefire:test@fuzz -Dtest="$t" \
      -Dfuzz.duration="${minutes}m" -Dfuzz.keep-going="$keep_going" >"$log" 2>&1; then
    status=1
  fi
  grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true
  grep -E 'Test unit written to|DEDUP_TOKEN' "$log" | sed 's/^.*Test unit written to /finding: /' | sort -u || true
  grep -E 'Tests run:.*(Failures|Errors)' "$log" | tail -1 || true
done
exit $status

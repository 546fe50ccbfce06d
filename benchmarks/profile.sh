#!/usr/bin/env bash
# JFR profile of our sample app under one of the benchmark loads. The app runs with a JFR recording
# from its start (-XX:StartFlightRecording, JDK 17's settings=profile with Java execution samples every
# 1 ms), gets a warm-up pass of the load, then a fixed window of the same load; the recording is dumped
# after it and summarised over that window only (benchmarks/lib/JfrSamples.java): share of execution
# samples by package group (self and on the stack), by thread, the hottest methods, the top stacks,
# native-method samples, GC, allocation sites; then the server's CPU by thread over the window from
# /proc (user and system, GC and JIT threads included).
#
#   benchmarks/profile.sh paced    [streams=2000] [kbit=128] [heap=256m]   paced streams, as paced-streams.sh
#   benchmarks/profile.sh small    [target=media|baseline|health] [heap=512m]  wrk -t1 -c20 1 KiB Range
#   benchmarks/profile.sh download [clients=8] [heap=512m]                  unpaced 1 GiB downloads
# BENCH_WINDOW (recorded seconds, default 20), BENCH_WARMUP (warm-up seconds, default 20 for paced and
# small; download warms with one pass). The recording is kept as /tmp/bench-profile-<scenario>.jfr
# (BENCH_JFR overrides). Needs ffmpeg, wrk, curl (installed when missing); port 18400.
source "$(dirname "$0")/lib/common.sh"
scenario=${1:?usage: benchmarks/profile.sh paced|small|download [args]}
shift
window=${BENCH_WINDOW:-20}
warm=${BENCH_WARMUP:-20}
port=18400
jfr_file=${BENCH_JFR:-/tmp/bench-profile-$scenario.jfr}
echo "== $0 $scenario $* (window $window s, warm-up $warm s)"

bench_need ffmpeg wrk curl
bench_build
root="$BENCH_TMP/media"
mkdir -p "$root"
# Exact attribution of samples between safepoints.
BENCH_OURS_JVM_EXTRA="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"

# The recording runs from the JVM's start (starting it later through jcmd compiles and deoptimises
# in the middle of the load); the summary keeps only the events of the window.
# Settings: JDK 17's "profile", with Java execution samples every 1 ms instead of 10 (JDK 17's sampler
# only catches threads running Java code at that instant, and the paced path spends most of its CPU in
# the kernel and in thread hand-offs: at 10 ms a 20 s window holds few samples).
jh=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
awk '/<event name="jdk.ExecutionSample">/ { inside = 1 }
	inside && /name="period"/ { sub(/>[^<]*</, ">1 ms<"); inside = 0 }
	{ print }' "$jh/lib/jfr/profile.jfc" > "$BENCH_TMP/bench.jfc"
# Deep stacks: a WebFlux request is 100+ frames deep, and the default 64 cuts off where it started.
BENCH_OURS_JVM_EXTRA="$BENCH_OURS_JVM_EXTRA -XX:FlightRecorderOptions:stackdepth=512 -XX:StartFlightRecording=name=bench,settings=$BENCH_TMP/bench.jfc"

window_start() {
	bench_thread_ticks "$OURS_PID" > "$BENCH_TMP/threads-before"
	window_from=$(date +%s%3N)
}

window_end() {
	window_to=$(date +%s%3N)
	bench_thread_ticks "$OURS_PID" > "$BENCH_TMP/threads-after"
}

case "$scenario" in
	paced)
		streams=${1:-2000}
		kbit=${2:-128}
		heap=${3:-256m}
		settle=10
		ramp=$(( streams / 1000 > 5 ? streams / 1000 : 5 ))
		rate=$((kbit * 1000 / 8)) ; limit=$((rate * 11 / 10)) ; boost=$((rate * 5))
		bench_wav "$root/tone.wav" "$kbit" $((2 * (ramp + settle + window + warm) + 60))
		size=$(stat -c %s "$root/tone.wav")
		bench_start_ours "$port" "$heap" "$root"
		bench_paced_pass warm "$OURS_PID" "$port" /media/tone.wav "$streams" "$ramp" "$warm" 0 "$boost" "$limit" "$size"
		# The recording covers the measured pass's window only: start it at the client's window mark.
		out="$BENCH_TMP/paced-profiled.out"
		cmd=(java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$BENCH_CLIENT_CP"
			io.github.mediastreaming.bench.PacedStreamsClient --label=profiled --port="$port" --path=/media/tone.wav
			--streams="$streams" --ramp="$ramp" --settle="$settle" --window="$window" --boost="$boost"
			--limit="$limit" --file-bytes="$size")
		bench_show "${cmd[@]}"
		"${cmd[@]}" > "$out" 2>&1 &
		client=$!
		BENCH_PIDS+=("$client")
		bench_wait_line "$out" '^window-start' $((ramp + settle + 120))
		window_start
		bench_wait_line "$out" '^window-end' $((window + 60))
		window_end
		wait "$client"
		bench_forget "$client"
		grep -v '^window-' "$out" | sed 's/^/  /'
		;;
	small)
		target=${1:-media}
		heap=${2:-512m}
		bench_wav "$root/small.wav" 128 10
		bench_start_ours "$port" "$heap" "$root" --sample.baseline-route.enabled=true
		case "$target" in
			media) url="http://127.0.0.1:$port/media/small.wav" ;;
			baseline) url="http://127.0.0.1:$port/bench/baseline" ;;
			health) url="http://127.0.0.1:$port/actuator/health" ;;
			*) echo "unknown target $target (media, baseline, health)" >&2; exit 2 ;;
		esac
		bench_wrk warm "$OURS_PID" "$warm" "$url" -H 'Range: bytes=0-1023' > /dev/null
		echo "warm-up: $warm s, $WRK_RPS requests/s"
		window_start
		bench_wrk profiled "$OURS_PID" "$window" "$url" -H 'Range: bytes=0-1023'
		window_end
		echo "server CPU over the window: $WRK_CPU s"
		;;
	download)
		clients=${1:-8}
		heap=${2:-512m}
		root=/tmp/bench-download
		size=$((1024 * 1024 * 1024))
		mkdir -p "$root"
		if [ "$(stat -c %s "$root/big.bin" 2>/dev/null || echo 0)" != "$size" ]; then
			head -c "$size" /dev/urandom > "$root/big.bin.tmp" && mv "$root/big.bin.tmp" "$root/big.bin"
		fi
		bench_start_ours "$port" "$heap" "$root" --media.streaming.auto-rate=false
		dl=(java -Xmx64m -XX:+UseSerialGC -cp "$BENCH_CLIENT_CP" io.github.mediastreaming.bench.DownloadClient
			--port="$port" --path=/media/big.bin --clients="$clients")
		bench_show "${dl[@]}" --downloads=1
		"${dl[@]}" --downloads=1 --label=warm | sed 's/^/  /'
		window_start
		# As many downloads as fit in the window (each client repeats until it is over).
		end=$((SECONDS + window))
		while [ $SECONDS -lt $end ]; do
			"${dl[@]}" --downloads=1 --label=profiled | grep -v '^RESULT' | sed 's/^/  /'
		done
		window_end
		;;
	*)
		echo "unknown scenario $scenario (paced, small, download)" >&2
		exit 2
		;;
esac

rm -f "$jfr_file"
bench_show jcmd "$OURS_PID" JFR.dump name=bench filename="$jfr_file"
jcmd "$OURS_PID" JFR.dump name=bench filename="$jfr_file" > /dev/null
echo "== recording: $jfr_file (summary of the window only: $window_from to $window_to ms since the epoch)"
bench_show jfr summary "$jfr_file"
jfr summary "$jfr_file" | grep -E 'Duration|jdk.ExecutionSample|jdk.ObjectAllocationSample|jdk.GarbageCollection ' || true
bench_show java benchmarks/lib/JfrSamples.java "$jfr_file" 25 "$window_from" "$window_to"
java benchmarks/lib/JfrSamples.java "$jfr_file" 25 "$window_from" "$window_to"
echo
echo "== server CPU by thread over the window (/proc/PID/task/*/stat; GC and JIT included)"
bench_thread_cpu "$BENCH_TMP/threads-before" "$BENCH_TMP/threads-after" | head -15

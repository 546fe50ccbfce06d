#!/usr/bin/env bash
# MP4 ?start= on a 2-hour H.264/AAC movie (180,000 video + 337,500 AAC samples), side by side with
# nginx's mp4 module (Debian's nginx, --with-http_mp4_module) on the same file. One section a run, so
# that each measured run holds the exclusive lock for a few minutes only. Build first, prepare under the
# shared lock, then measure:
#
#   flock -s /tmp/bench.lock ./mvnw -B -q -o -DskipTests package
#   flock -s /tmp/bench.lock benchmarks/mp4-seek.sh prepare
#   flock -x /tmp/bench.lock benchmarks/mp4-seek.sh footprint   # index bytes per sample (heap histogram)
#   flock -x /tmp/bench.lock benchmarks/mp4-seek.sh cut         # new cut from the cached index, in process
#   flock -x /tmp/bench.lock benchmarks/mp4-seek.sh ttfb        # time to first byte over HTTP, both servers
#   flock -x /tmp/bench.lock benchmarks/mp4-seek.sh storm       # 1,000 seeks, 50 at once; peak RSS
#   flock -x /tmp/bench.lock benchmarks/mp4-seek.sh reindex     # 300 times: drop the index, seek; memory held
#   flock -x /tmp/bench.lock benchmarks/mp4-seek.sh startup     # first request after startup: CDS, AOT cache
#
# Environment: MP4_BENCH_DIR (work folder, default /tmp/mp4-bench: the movie, nginx's config, the CDS
# archive and AOT cache), MP4_BENCH_PORT (ours, default 19580; nginx listens on the next one),
# MP4_BENCH_BASELINE (a built checkout of another version: footprint and cut also run against it),
# MP4_BENCH_JAR (another sample-app jar for ttfb and storm, such as that checkout's), MP4_BENCH_APP_ARGS
# (more arguments for our app, such as --media.streaming.max-seek-builds=50), MP4_BENCH_STORM_WARMUPS (storm:
# unmeasured storms of 1,000 seeks on each server first, default 3), MP4_BENCH_JAVA_OPTS (more JVM options for
# our app in ttfb, storm and reindex, such as -Dreactor.netty.ioWorkerCount=1),
# JAVA25 (default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java). Needs ffmpeg, curl, nginx, wrk and jcmd.
set -euo pipefail
cd "$(dirname "$0")/.."
section=${1:?"section: prepare, footprint, cut, ttfb, storm, reindex or startup"}
work=${MP4_BENCH_DIR:-/tmp/mp4-bench}
port=${MP4_BENCH_PORT:-19580}
nginx_port=$((port + 1))
java25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
movie=$work/long.mp4
mkdir -p "$work"

pids=()
cleanup() {
	local pid
	for pid in "${pids[@]+"${pids[@]}"}"; do
		kill "$pid" 2>/dev/null || true
	done
	if [ -f "$work/nginx.pid" ]; then
		nginx -c "$work/nginx.conf" -s stop 2>/dev/null || true
	fi
}
trap cleanup EXIT

say() {
	echo "+ $*" >&2
}

classpath() { # checkout: the test classpath of its autoconfigure module
	local dir=$1
	echo "$dir/media-streaming-autoconfigure/target/test-classes:$dir/media-streaming-autoconfigure/target/classes:$(cat "$dir/media-streaming-autoconfigure/target/bench-classpath.txt")"
}

jar() {
	if [ -n "${MP4_BENCH_JAR:-}" ]; then
		echo "$MP4_BENCH_JAR"
	else
		ls sample-app/target/media-streaming-sample-app-*.jar | grep -v original | head -1
	fi
}

# stats: numbers on stdin (seconds) -> "median X ms, p90 Y ms, max Z ms (N)"
stats() {
	sort -n | awk '{ t[NR] = $1 * 1000 } END {
		printf "median %.1f ms, p90 %.1f ms, max %.1f ms (%d)", t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)], t[NR], NR }'
}

# ttfb URL...: time to first byte of each URL, one after the other, whole bodies read
ttfb() {
	local url
	for url in "$@"; do
		curl -s -o /dev/null -w '%{time_starttransfer}\n' "$url"
	done
}

# seek_urls BASE COUNT OFFSET: COUNT distinct start times spread over the movie, none repeated across
# different OFFSETs (so no plan is ever reused)
seek_urls() {
	local base=$1 count=$2 offset=$3 i
	for i in $(seq 0 $((count - 1))); do
		awk -v i="$i" -v o="$offset" 'BEGIN { printf "%s?start=%.3f\n", "'"$base"'", (60 + o + i * 7.131) % 7100 + 10 }'
	done
}

start_nginx() {
	cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events {}
http {
  access_log off;
  sendfile on;
  server {
    listen 127.0.0.1:$nginx_port;
    location /media/ { alias $work/; mp4; mp4_max_buffer_size 64m; }
  }
}
CONF
	say nginx -c "$work/nginx.conf"
	nginx -c "$work/nginx.conf"
	for _ in $(seq 1 50); do curl -fs -o /dev/null "http://127.0.0.1:$nginx_port/media/long.mp4" -r 0-0 && return; sleep 0.1; done
	echo "nginx did not start" >&2
	exit 1
}

stop_nginx() {
	nginx -c "$work/nginx.conf" -s stop
	for _ in $(seq 1 50); do [ -f "$work/nginx.pid" ] || return 0; sleep 0.1; done
}

# start_app JAVA [JVM options...]: our sample app on the movie's folder, pacing off (so the time is the
# seek's, not the pacer's); sets app (its pid) and ready_ms (launch to the first answer of the health
# endpoint)
start_app() {
	local java=$1
	shift
	local begin
	begin=$(date +%s%N)
	say "$java" -Xmx512m "$@" -jar "${app_jar:-$(jar)}" --server.port="$port" --media.streaming.root="$work" \
		--media.streaming.auto-rate=false --logging.level.root=warn ${MP4_BENCH_APP_ARGS:-}
	# shellcheck disable=SC2086 # MP4_BENCH_APP_ARGS holds several arguments
	"$java" -Xmx512m "$@" -jar "${app_jar:-$(jar)}" --server.port="$port" --media.streaming.root="$work" \
		--media.streaming.auto-rate=false --logging.level.root=warn ${MP4_BENCH_APP_ARGS:-} > "$work/app.log" 2>&1 &
	app=$!
	pids+=("$app")
	for _ in $(seq 1 1500); do
		if curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health"; then
			ready_ms=$((($(date +%s%N) - begin) / 1000000))
			return
		fi
		sleep 0.02
	done
	echo "the app did not start; see $work/app.log" >&2
	exit 1
}

stop_app() {
	kill "$app"
	wait "$app" 2>/dev/null || true
}

peak_rss_mb() {
	awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"
}

case $section in
prepare)
	command -v nginx > /dev/null || apt-get install -y nginx
	nginx -V 2>&1 | grep -q http_mp4_module || { echo "this nginx lacks the mp4 module" >&2; exit 1; }
	if [ ! -f "$movie" ]; then
		say ffmpeg ... "$movie"
		ffmpeg -y -v error -f lavfi -i "testsrc2=size=64x36:rate=25:duration=7200" \
			-f lavfi -i "sine=frequency=440:sample_rate=48000:duration=7200" -c:v libx264 -preset ultrafast -g 50 \
			-b:v 40k -c:a aac -b:a 16k -ac 1 -movflags +faststart "$movie"
	fi
	if [ ! -f "$work/short.mp4" ]; then
		# For training runs: a file of its own, so the movie is never indexed before a measurement.
		ffmpeg -y -v error -f lavfi -i "testsrc2=size=64x36:rate=25:duration=600" \
			-f lavfi -i "sine=frequency=440:sample_rate=48000:duration=600" -c:v libx264 -preset ultrafast -g 50 \
			-b:v 40k -c:a aac -b:a 16k -ac 1 -movflags +faststart "$work/short.mp4"
	fi
	for dir in . ${MP4_BENCH_BASELINE:-}; do
		(cd "$dir" && ./mvnw -B -q -o -pl media-streaming-autoconfigure dependency:build-classpath \
			-Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test)
	done
	# Spring Boot's CDS support: the jar extracted, an archive of the classes a start loads; and the same
	# with a seek served during training. JDK 25's AOT cache (JEP 483/514) likewise.
	rm -rf "$work/app"
	say java -Djarmode=tools -jar "$(jar)" extract --destination "$work/app"
	java -Djarmode=tools -jar "$(jar)" extract --destination "$work/app"
	app_jar=$work/app/$(basename "$(jar)")
	train() { # JAVA OPTION: a training run that starts, serves a seek of short.mp4 and stops
		local java=$1 option=$2
		start_app "$java" "$option"
		curl -s -o /dev/null "http://127.0.0.1:$port/media/short.mp4?start=300"
		stop_app
	}
	say "training: CDS archive at exit of a run that starts the app (-Dspring.context.exit=onRefresh)"
	java -XX:ArchiveClassesAtExit="$work/app-cds.jsa" -Dspring.context.exit=onRefresh -jar "$app_jar" \
		--media.streaming.root="$work" > "$work/train-cds.log" 2>&1
	say "training: CDS archive at exit of a run that serves one seek"
	train java -XX:ArchiveClassesAtExit="$work/app-cds-seek.jsa"
	say "training: JDK 25 AOT cache of a run that starts the app (-Dspring.context.exit=onRefresh)"
	"$java25" -XX:AOTCacheOutput="$work/app.aot" -Dspring.context.exit=onRefresh -jar "$app_jar" \
		--media.streaming.root="$work" > "$work/train-aot.log" 2>&1
	say "training: JDK 25 AOT cache of a run that serves one seek"
	train "$java25" -XX:AOTCacheOutput="$work/app-seek.aot"
	ls -la "$work"
	;;

footprint)
	for dir in . ${MP4_BENCH_BASELINE:-}; do
		echo "== $dir: heap held by 10 indexes of $(basename "$movie") (jcmd GC.class_histogram, full GC before each)"
		coproc FOOTPRINT { java -Xmx2g -cp "media-streaming-autoconfigure/target/test-classes:$(classpath "$dir")" \
			io.github.mediastreaming.bench.Mp4IndexFootprint "$movie" 10; }
		read -r line <&"${FOOTPRINT[0]}"
		pid=${line#baseline }
		jcmd "$pid" GC.class_histogram > "$work/histogram-before.txt"
		echo >&"${FOOTPRINT[1]}"
		read -r loaded <&"${FOOTPRINT[0]}"
		jcmd "$pid" GC.class_histogram > "$work/histogram-after.txt"
		echo >&"${FOOTPRINT[1]}"
		wait "$FOOTPRINT_PID" || true
		echo "$loaded"
		before=$(awk '/^Total/ { print $3 }' "$work/histogram-before.txt")
		after=$(awk '/^Total/ { print $3 }' "$work/histogram-after.txt")
		awk -v b="$before" -v a="$after" 'BEGIN { d = (a - b) / 10;
			printf "heap per index: %.0f bytes (%.2f MB), %.2f bytes per sample (517,500 samples)\n", d, d / 1e6, d / 517500 }'
		echo "largest growth by class (bytes per index):"
		awk 'FNR == NR { if ($1 ~ /:$/) before[$4] = $3; next }
			$1 ~ /:$/ { d = ($3 - before[$4]) / 10; if (d > 1000) printf "  %-50s %10.0f\n", $4, d }' \
			"$work/histogram-before.txt" "$work/histogram-after.txt" | sort -k2 -n -r | head -12
	done
	;;

cut)
	for dir in . ${MP4_BENCH_BASELINE:-}; do
		echo "== $dir"
		say java -cp ... io.github.mediastreaming.bench.Mp4CutBenchmark "$movie" 3600 1000
		java -cp "$(classpath "$dir")" io.github.mediastreaming.bench.Mp4CutBenchmark "$movie" 3600 1000
	done
	;;

ttfb)
	command -v wrk > /dev/null || apt-get install -y wrk
	start_nginx
	# shellcheck disable=SC2086 # MP4_BENCH_JAVA_OPTS holds several options
	start_app java ${MP4_BENCH_JAVA_OPTS:-}
	ours="http://127.0.0.1:$port/media/long.mp4"
	theirs="http://127.0.0.1:$nginx_port/media/long.mp4"
	echo "== first request after startup (ours: the movie not yet indexed, the JVM cold)"
	echo "ours: $(ttfb "$ours?start=3600" | stats)"
	stop_nginx
	start_nginx
	echo "nginx (restarted): $(ttfb "$theirs?start=3600" | stats)"
	echo "== warm-up: 300 seeks at distinct times on each server, then 15 s of new connections"
	ttfb $(seek_urls "$ours" 300 0.1) > /dev/null
	ttfb $(seek_urls "$theirs" 300 0.1) > /dev/null
	# Every measured request below is a new connection (one curl each): 300 of them leave the JVM's
	# connection set-up interpreted or half compiled, which this measures rather than the seek. wrk with
	# "Connection: close" opens tens of thousands (1 KiB ranges of the file: no seek, so no plan is made
	# for the seeks measured below).
	for url in "$ours" "$theirs"; do
		wrk -t1 -c10 -d15s -H 'Connection: close' -H 'Range: bytes=0-1023' "$url" | awk '/Requests\/sec/ { print "  " $0 }'
	done
	echo "== file already indexed: 50 seeks at distinct times (none planned before)"
	echo "ours: $(ttfb $(seek_urls "$ours" 50 0.2) | stats)"
	echo "nginx: $(ttfb $(seek_urls "$theirs" 50 0.2) | stats)"
	# A warm JVM has indexed files before: the 300 warm-up seeks above indexed the movie once, which
	# leaves the indexing code interpreted. 100 re-indexings of the movie's second name warm it.
	ln -f "$movie" "$work/warm.mp4"
	for url in $(seek_urls "http://127.0.0.1:$port/media/warm.mp4" 100 0.8); do
		curl -s -o /dev/null -X DELETE "http://127.0.0.1:$port/actuator/media/warm.mp4"
		curl -s -o /dev/null "$url"
	done
	echo "== file not yet indexed, warm JVM (100 indexings of another name first): 20 times, drop the index" \
		"(DELETE /actuator/media/long.mp4), then a seek"
	for url in $(seek_urls "$ours" 20 0.3); do
		curl -s -o /dev/null -X DELETE "http://127.0.0.1:$port/actuator/media/long.mp4"
		ttfb "$url"
	done | { echo "ours: $(stats)"; }
	echo "nginx (the same seeks; it keeps no index): $(ttfb $(seek_urls "$theirs" 20 0.3) | stats)"
	echo "== plain GET of the whole file (baseline of the request path)"
	echo "ours: $(for _ in $(seq 1 20); do ttfb "$ours"; done | stats)"
	echo "nginx: $(for _ in $(seq 1 20); do ttfb "$theirs"; done | stats)"
	;;

storm)
	start_nginx
	# shellcheck disable=SC2086 # MP4_BENCH_JAVA_OPTS holds several options
	start_app java ${MP4_BENCH_JAVA_OPTS:-}
	storm() { # BASE NAME [COUNT [OFFSET]]: COUNT (1,000) seeks at distinct times, 50 at once, whole bodies read
		local base=$1 name=$2 count=${3:-1000} offset=${4:-0.4} config=$work/storm-$2.curl begin end
		seek_urls "$base" "$count" "$offset" | awk '{ print "url = \"" $0 "\"\noutput = \"/dev/null\"" }' > "$config"
		begin=$(date +%s%N)
		curl -s --parallel --parallel-max 50 -K "$config" -w '%{http_code} %{time_total} %{size_download}\n' \
			> "$work/storm-$name.txt"
		end=$(date +%s%N)
		awk -v ms=$(((end - begin) / 1000000)) '{ n++; bytes += $3; if ($1 != 200) bad++ }
			END { printf "total %.1f s, %d responses, %d not 200, %.1f GB read; ", ms / 1000, n, bad, bytes / 1e9 }' \
			"$work/storm-$name.txt"
		echo "per seek: $(awk '{ print $2 }' "$work/storm-$name.txt" | stats)"
	}
	echo "== warm-up: 100 seeks on each server, one at a time"
	ttfb $(seek_urls "http://127.0.0.1:$port/media/long.mp4" 100 0.5) > /dev/null
	ttfb $(seek_urls "http://127.0.0.1:$nginx_port/media/long.mp4" 100 0.5) > /dev/null
	# Storms on a second name of the movie (a hard link: another file version for us, so none of its
	# plans serves the measured storm), so the measured storm runs on compiled code. A seek storm runs
	# each seek's code (planning a cut, laying out its moov) once a response, so 1,000 seeks leave much of
	# it short of the JIT's thresholds: JFR showed C2 compiling our cut and Netty's write path through a
	# storm that followed one of 300 warm-up seeks (0.2-0.8 s of compile time every second, on a machine
	# whose other core is curl's), and four storms in a row took 13.1, 12.6, 10.2 and 9.3 s. Not measured.
	warmups=${MP4_BENCH_STORM_WARMUPS:-3}
	ln -f "$movie" "$work/warm.mp4"
	for round in $(seq 1 "$warmups"); do
		echo "== warm-up storm $round of $warmups: 1,000 seeks, 50 at once, on another name of the movie (not measured)"
		echo "ours: $(storm "http://127.0.0.1:$port/media/warm.mp4" warm-ours 1000 "0.$((round + 4))")"
		echo "nginx: $(storm "http://127.0.0.1:$nginx_port/media/warm.mp4" warm-nginx 1000 "0.$((round + 4))")"
	done
	echo "== seek storm: 1,000 seeks to distinct times, 50 at once, every body read whole (curl --parallel)"
	echo "ours (-Xmx512m): $(storm "http://127.0.0.1:$port/media/long.mp4" ours)"
	echo "ours: peak RSS (VmHWM) $(peak_rss_mb "$app") MB, heap maximum 512 MB"
	echo "nginx: $(storm "http://127.0.0.1:$nginx_port/media/long.mp4" nginx)"
	echo "nginx worker: peak RSS $(peak_rss_mb "$(pgrep -P "$(cat "$work/nginx.pid")" | head -1)") MB"
	;;

reindex)
	# The movie indexed again and again (as a library larger than the index cache is, or files that
	# change): each time a seek at a new time, so a plan is cut from each index. What stays in memory
	# is what the old indexes left behind.
	# shellcheck disable=SC2086 # MP4_BENCH_JAVA_OPTS holds several options
	start_app java ${MP4_BENCH_JAVA_OPTS:-}
	ours="http://127.0.0.1:$port/media/long.mp4"
	echo "== 300 times: drop the index (DELETE /actuator/media/long.mp4), then a seek at a new time"
	for url in $(seek_urls "$ours" 300 0.6); do
		curl -s -o /dev/null -X DELETE "http://127.0.0.1:$port/actuator/media/long.mp4"
		ttfb "$url"
	done > "$work/reindex.txt"
	echo "time to first byte, first 100: $(head -100 "$work/reindex.txt" | stats)"
	echo "time to first byte, last 100: $(tail -100 "$work/reindex.txt" | stats)"
	echo "ours: peak RSS (VmHWM) $(peak_rss_mb "$app") MB, heap maximum 512 MB"
	echo "track tables alive (jcmd GC.class_histogram, after a full GC; 2 are the cached index's):" \
		"$(jcmd "$app" GC.class_histogram | awk '$4 == "io.github.mediastreaming.mp4.TrackTable" { print $2 }')"
	;;

startup)
	app_jar=$work/app/$(basename "$(jar)")
	variant() { # NAME JAVA [OPTIONS...]: 5 starts, each: launch to ready, then the first seek's first byte
		local name=$1 readies=() seeks=() i
		shift
		for i in 1 2 3 4 5; do
			start_app "$@"
			readies+=("$ready_ms")
			seeks+=("$(ttfb "http://127.0.0.1:$port/media/long.mp4?start=3600")")
			stop_app
		done
		printf "%-44s ready: %s | first seek: %s\n" "$name" \
			"$(printf '%s\n' "${readies[@]}" | awk '{ print $1 / 1000 }' | stats)" \
			"$(printf '%s\n' "${seeks[@]}" | stats)"
	}
	echo "== launch to the first answer of /actuator/health, then the first ?start=3600 (movie not yet indexed); 5 runs each"
	app_jar=$(jar)
	variant "JDK 17, fat jar" java
	app_jar=$work/app/$(basename "$(jar)")
	variant "JDK 17, extracted jar" java
	variant "JDK 17, extracted, CDS (trained on start)" java -XX:SharedArchiveFile="$work/app-cds.jsa"
	variant "JDK 17, extracted, CDS (trained with a seek)" java -XX:SharedArchiveFile="$work/app-cds-seek.jsa"
	variant "JDK 25, extracted jar" "$java25"
	variant "JDK 25, AOT cache (trained on start)" "$java25" -XX:AOTCache="$work/app.aot"
	variant "JDK 25, AOT cache (trained with a seek)" "$java25" -XX:AOTCache="$work/app-seek.aot"
	;;

*)
	echo "unknown section $section" >&2
	exit 2
	;;
esac

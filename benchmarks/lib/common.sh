# Shared helpers of the side-by-side benchmarks (ours against Debian's nginx). Sourced, not run:
#   source "$(dirname "$0")/lib/common.sh"
#
# It installs what is missing (nginx, wrk, ffmpeg), builds the sample app's fat jar, starts our sample
# app and an nginx of its own (a generated config under a temp prefix), reads server CPU seconds and
# peak RSS from /proc, and stops everything it started when the script exits.
#
# Environment knobs shared by every script:
#   BENCH_SKIP_BUILD=1   reuse sample-app/target/*.jar and the compiled bench classes
#   BENCH_MVN_ARGS=-o    extra Maven arguments (offline once dependencies are downloaded)
#   BENCH_JAVA_OPTS=...  extra JVM options for our server (e.g. -XX:+UseSerialGC)
#   BENCH_OURS_ARGS=...  extra application arguments for our server (e.g. --media.streaming.pacing-interval=250ms)
#   BENCH_KEEP=1         keep the temp folder (logs, nginx config, client outputs) after the run

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BENCH_REPO=$(pwd)
BENCH_TMP=$(mktemp -d /tmp/bench.XXXXXX)
BENCH_PIDS=()
BENCH_CLK_TCK=$(getconf CLK_TCK)
BENCH_CORES=$(nproc)
# Test classes of the bench package: the load clients need nothing but the JDK.
BENCH_CLIENT_CP="$BENCH_REPO/media-streaming-autoconfigure/target/test-classes"
# Raise the open-file limit to the hard limit: 10,000 streams need 10,000 sockets in the client and as
# many (plus one file each) in the server.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

bench_cleanup() {
	local pid
	for pid in "${BENCH_PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${BENCH_PIDS[@]}"; do
		# Give each process up to 5 s to stop, then end it for good.
		for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$pid" 2>/dev/null || true
	done
	if [ "${BENCH_KEEP:-0}" = 1 ]; then
		echo "(kept $BENCH_TMP)"
	else
		rm -rf "$BENCH_TMP"
	fi
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

# bench_forget PID: a process that has ended and been waited for is not to be stopped at exit (its id
# may belong to another process by then).
bench_forget() {
	local kept=() pid
	for pid in "${BENCH_PIDS[@]}"; do
		[ "$pid" = "$1" ] || kept+=("$pid")
	done
	BENCH_PIDS=("${kept[@]}")
}

# Print a command as it will run (quoted so it can be pasted back), then nothing else.
bench_show() {
	printf '+'
	printf ' %q' "$@"
	printf '\n'
}

# bench_need TOOL...: install the Debian packages of the tools that are missing (nginx, wrk, ffmpeg).
bench_need() {
	local missing=() tool
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		echo "Installing ${missing[*]}"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	fi
}

# bench_build: the sample app's fat jar and the bench classes, through the reactor (never install).
bench_build() {
	if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
		bench_show ./mvnw -B -q ${BENCH_MVN_ARGS:-} -DskipTests package
		# shellcheck disable=SC2086
		./mvnw -B -q ${BENCH_MVN_ARGS:-} -DskipTests package
	fi
	BENCH_JAR=$(ls sample-app/target/media-streaming-sample-app-*.jar | grep -v '\.original$' | head -1)
	[ -f "$BENCH_CLIENT_CP/io/github/mediastreaming/bench/PacedStreamsClient.class" ] \
		|| { echo "bench classes missing: run without BENCH_SKIP_BUILD=1" >&2; exit 1; }
}

# bench_wav FILE KBIT SECONDS: a mono PCM WAV of exactly KBIT kbit/s (128: 8 kHz s16le; otherwise u8 at
# KBIT x 125 Hz, so 64 is 8 kHz u8).
bench_wav() {
	local file=$1 kbit=$2 seconds=$3
	if [ "$kbit" = 128 ]; then
		ffmpeg -v error -y -f lavfi -i "sine=frequency=440:sample_rate=8000:duration=$seconds" -ac 1 -c:a pcm_s16le "$file"
	else
		ffmpeg -v error -y -f lavfi -i "sine=frequency=440:sample_rate=$((kbit * 125)):duration=$seconds" -ac 1 -c:a pcm_u8 "$file"
	fi
}

# bench_wait_http URL [SECONDS=90]: wait until URL answers (any HTTP status).
bench_wait_http() {
	local url=$1 limit=${2:-90}
	for _ in $(seq 1 $((limit * 5))); do
		curl -s -o /dev/null --max-time 2 "$url" && return 0
		sleep 0.2
	done
	echo "no answer from $url after $limit s" >&2
	return 1
}

# bench_start_ours PORT HEAP ROOT [ARGS...]: start the sample app; sets OURS_PID and OURS_LOG.
bench_start_ours() {
	local port=$1 heap=$2 root=$3
	shift 3
	OURS_LOG="$BENCH_TMP/ours-$port.log"
	# shellcheck disable=SC2206
	local cmd=(java -Xmx"$heap" ${BENCH_JAVA_OPTS:-} ${BENCH_OURS_JVM_EXTRA:-} -jar "$BENCH_JAR" --server.port="$port"
		--media.streaming.root="$root" --logging.level.root=warn "$@" ${BENCH_OURS_ARGS:-})
	bench_show "${cmd[@]}"
	"${cmd[@]}" > "$OURS_LOG" 2>&1 &
	OURS_PID=$!
	BENCH_PIDS+=("$OURS_PID")
	bench_wait_http "http://127.0.0.1:$port/actuator/health" || { tail -50 "$OURS_LOG" >&2; exit 1; }
}

# bench_start_nginx PORT ROOT SNIPPET: start nginx (master plus one worker per core) serving ROOT under
# /media/ with SNIPPET in that location; sets NGINX_PID (the master) and NGINX_PREFIX.
bench_start_nginx() {
	local port=$1 root=$2 snippet=$3
	NGINX_PREFIX="$BENCH_TMP/nginx-$port"
	mkdir -p "$NGINX_PREFIX/logs" "$NGINX_PREFIX/temp"
	cat > "$NGINX_PREFIX/nginx.conf" <<CONF
daemon off;
user root;
worker_processes $BENCH_CORES;
worker_rlimit_nofile $(ulimit -Hn);
pid $NGINX_PREFIX/nginx.pid;
error_log $NGINX_PREFIX/logs/error.log warn;
events {
	worker_connections 16384;
}
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log off;
	sendfile on;
	keepalive_requests 1000000;
	client_body_temp_path $NGINX_PREFIX/temp/body;
	proxy_temp_path $NGINX_PREFIX/temp/proxy;
	fastcgi_temp_path $NGINX_PREFIX/temp/fastcgi;
	uwsgi_temp_path $NGINX_PREFIX/temp/uwsgi;
	scgi_temp_path $NGINX_PREFIX/temp/scgi;
	server {
		# reuseport: the kernel spreads connections evenly over the workers.
		listen 127.0.0.1:$port reuseport;
		location = /ready {
			return 204;
		}
		location /media/ {
			alias $root/;
			$snippet
		}
	}
}
CONF
	local cmd=(nginx -p "$NGINX_PREFIX" -e "$NGINX_PREFIX/logs/error.log" -c "$NGINX_PREFIX/nginx.conf")
	bench_show "${cmd[@]}"
	echo "  (config: $(grep -v '^\s*$' "$NGINX_PREFIX/nginx.conf" | grep -E 'worker_processes|sendfile|keepalive_requests|listen|alias|limit_rate|mp4' | sed 's/^\s*//' | tr '\n' ' '))"
	"${cmd[@]}" &
	NGINX_PID=$!
	BENCH_PIDS+=("$NGINX_PID")
	bench_wait_http "http://127.0.0.1:$port/ready" || { cat "$NGINX_PREFIX/logs/error.log" >&2; exit 1; }
}

# bench_tree PID: PID and its children (nginx's master and its workers; a JVM is one process).
bench_tree() {
	echo "$1"
	pgrep -P "$1" || true
}

# bench_cpu_ticks PID: user + system clock ticks of PID and its children, from /proc/PID/stat.
bench_cpu_ticks() {
	local pid total=0 ticks
	for pid in $(bench_tree "$1"); do
		# Fields after the command name: state is 1st, utime 12th, stime 13th.
		ticks=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 }') || ticks=0
		total=$((total + ${ticks:-0}))
	done
	echo "$total"
}

# bench_thread_ticks PID: one line per thread of PID: "tid user-ticks system-ticks name" (name from
# /proc: at most 15 characters, spaces as _), for bench_thread_cpu.
bench_thread_ticks() {
	local task
	for task in /proc/"$1"/task/*; do
		awk -v tid="${task##*/}" '{ line = $0; name = line; sub(/^[^(]*\(/, "", name); sub(/\) [^)]*$/, "", name);
			sub(/^.*\) /, "", line); split(line, f, " "); gsub(/ /, "_", name); print tid, f[12], f[13], name }' \
			"$task/stat" 2>/dev/null || true
	done
}

# bench_thread_cpu BEFORE_FILE AFTER_FILE: CPU seconds (user + system, user, system) per thread group
# (digits folded) between two bench_thread_ticks snapshots, largest first: GC and JIT threads included.
bench_thread_cpu() {
	awk -v hz="$BENCH_CLK_TCK" 'NR == FNR { u[$1] = $2; s[$1] = $3; next }
		{ name = $4; gsub(/[0-9]+/, "#", name); du = ($2 - u[$1]) / hz; ds = ($3 - s[$1]) / hz
		  user[name] += du; sys[name] += ds; total += du + ds; tu += du; ts += ds }
		END { printf "  %7.2f s  100.0 %%  (user %.2f s, system %.2f s)  all threads\n", total, tu, ts
		      for (n in user) if (user[n] + sys[n] > 0) printf "  %7.2f s  %5.1f %%  (user %.2f s, system %.2f s)  %s\n",
		          user[n] + sys[n], 100 * (user[n] + sys[n]) / total, user[n], sys[n], n }' \
		"$1" "$2" | sort -rn
}

# bench_cpu_seconds TICKS_BEFORE TICKS_AFTER: the difference in seconds.
bench_cpu_seconds() {
	awk -v a="$1" -v b="$2" -v hz="$BENCH_CLK_TCK" 'BEGIN { printf "%.2f", (b - a) / hz }'
}

# bench_peak_rss_mb PID: peak resident set (VmHWM) of PID and its children, summed, in MB.
bench_peak_rss_mb() {
	local pid total=0 kb
	for pid in $(bench_tree "$1"); do
		kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null) || kb=0
		total=$((total + ${kb:-0}))
	done
	awk -v kb="$total" 'BEGIN { printf "%.0f", kb / 1024 }'
}

# bench_wait_line FILE REGEX [SECONDS=600]: wait until a line of FILE matches (polled every 20 ms).
bench_wait_line() {
	local file=$1 regex=$2 limit=${3:-600} i=0
	until grep -qE "$regex" "$file" 2>/dev/null; do
		sleep 0.02
		i=$((i + 1))
		if [ $i -gt $((limit * 50)) ]; then
			echo "timed out waiting for '$regex' in $file" >&2
			return 1
		fi
	done
}

# bench_ratio A B [FORMAT=%.2f]: A / B, or "-" when B is zero.
bench_ratio() {
	awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { if (b == 0) print "-"; else printf f "\n", a / b }'
}

# bench_paced_pass LABEL SERVER_PID PORT PATH STREAMS RAMP SETTLE WINDOW BOOST LIMIT FILE_BYTES:
# run the paced-streams client once; when WINDOW > 0, read the server's and the client's CPU at the
# client's window marks. Sets PASS_OUT (client output), PASS_CPU, PASS_CLIENT_CPU.
bench_paced_pass() {
	local label=$1 server=$2 port=$3 path=$4 streams=$5 ramp=$6 settle=$7 window=$8 boost=$9 limit=${10} size=${11}
	PASS_OUT="$BENCH_TMP/paced-$label.out"
	local cmd=(java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$BENCH_CLIENT_CP"
		io.github.mediastreaming.bench.PacedStreamsClient --label="$label" --port="$port" --path="$path"
		--streams="$streams" --ramp="$ramp" --settle="$settle" --window="$window" --boost="$boost"
		--limit="$limit" --file-bytes="$size")
	bench_show "${cmd[@]}"
	"${cmd[@]}" > "$PASS_OUT" 2>&1 &
	local client=$!
	BENCH_PIDS+=("$client")
	PASS_CPU=-
	PASS_CLIENT_CPU=-
	if [ "$window" != 0 ]; then
		local s0 s1
		bench_wait_line "$PASS_OUT" '^window-start' $((ramp + settle + 120)) || { cat "$PASS_OUT"; exit 1; }
		s0=$(bench_cpu_ticks "$server")
		# The client holds its connections for 1 s after this mark, so closing them is not counted.
		bench_wait_line "$PASS_OUT" '^window-end' $((window + 60)) || { cat "$PASS_OUT"; exit 1; }
		s1=$(bench_cpu_ticks "$server")
		PASS_CPU=$(bench_cpu_seconds "$s0" "$s1")
	fi
	wait "$client" || { cat "$PASS_OUT"; echo "client failed" >&2; exit 1; }
	bench_forget "$client"
	[ "$window" != 0 ] && PASS_CLIENT_CPU=$(bench_result_field "$PASS_OUT" client_cpu)
	grep -v '^window-' "$PASS_OUT" | sed 's/^/  /'
}

# bench_result_field FILE KEY: the value of KEY=... on the RESULT line of a client's output.
bench_result_field() {
	grep '^RESULT ' "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }'
}

# bench_wrk LABEL SERVER_PID SECONDS URL [WRK ARGS...]: one wrk run of SECONDS (-t1 -c20 unless
# BENCH_WRK_ARGS says otherwise) with the server's CPU over it. Sets WRK_RPS, WRK_CPU, WRK_ERRORS.
bench_wrk() {
	local label=$1 server=$2 seconds=$3 url=$4
	shift 4
	local out="$BENCH_TMP/wrk-$label.out"
	# shellcheck disable=SC2206
	local cmd=(wrk ${BENCH_WRK_ARGS:--t1 -c20} -d"${seconds}s" "$@" "$url")
	bench_show "${cmd[@]}"
	local s0 s1
	s0=$(bench_cpu_ticks "$server")
	"${cmd[@]}" > "$out" 2>&1
	s1=$(bench_cpu_ticks "$server")
	WRK_CPU=$(bench_cpu_seconds "$s0" "$s1")
	WRK_RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
	WRK_ERRORS=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { n += 1 } END { print n + 0 }' "$out")
	sed 's/^/  /' "$out"
}

#!/usr/bin/env bash
# Unpaced download, side by side: a 1 GiB file of random bytes (made once, cached in /tmp/bench-download)
# served by our sample app with pacing off (--media.streaming.auto-rate=false) and by Debian's nginx
# (sendfile on), downloaded by 1 client (D1 times in a row) and by 8 concurrent clients (D8 times each),
# one GET per connection. Each server gets a warm-up pass first (2 clients, 3 downloads each; it also
# brings the file into the page cache). Prints throughput, server CPU seconds
# over each pass, and the ratios.
#
#   benchmarks/download.sh [D1=8] [D8=3] [heap=512m]
# BENCH_ROUNDS (default 1) repeats the measured passes. Needs nginx and curl (installed when missing);
# ports 18300 (ours) and 18301 (nginx).
source "$(dirname "$0")/lib/common.sh"
downloads=${1:-8}
downloads8=${2:-3}
heap=${3:-512m}
rounds=${BENCH_ROUNDS:-1}
ours_port=18300
nginx_port=18301
echo "== $0 $downloads $downloads8 $heap (rounds $rounds)"

bench_need nginx curl
bench_build

root=/tmp/bench-download
size=$((1024 * 1024 * 1024))
mkdir -p "$root"
if [ "$(stat -c %s "$root/big.bin" 2>/dev/null || echo 0)" != "$size" ]; then
	echo "making $root/big.bin (1 GiB of random bytes, kept for later runs)"
	head -c "$size" /dev/urandom > "$root/big.bin.tmp"
	mv "$root/big.bin.tmp" "$root/big.bin"
fi

bench_start_ours "$ours_port" "$heap" "$root" --media.streaming.auto-rate=false
bench_start_nginx "$nginx_port" "$root" ""

declare -A port=([ours]=$ours_port [nginx]=$nginx_port)
declare -A server=([ours]=$OURS_PID [nginx]=$NGINX_PID)

# pass LABEL SERVER CLIENTS DOWNLOADS: sets MBPS, CPU, ERRORS
pass() {
	local label=$1 name=$2 clients=$3 count=$4 out="$BENCH_TMP/download-$1.out"
	local cmd=(java -Xmx64m -XX:+UseSerialGC -cp "$BENCH_CLIENT_CP" io.github.mediastreaming.bench.DownloadClient
		--label="$label" --port="${port[$name]}" --path=/media/big.bin --clients="$clients" --downloads="$count")
	bench_show "${cmd[@]}"
	local s0 s1
	s0=$(bench_cpu_ticks "${server[$name]}")
	"${cmd[@]}" > "$out" 2>&1 || { cat "$out"; exit 1; }
	s1=$(bench_cpu_ticks "${server[$name]}")
	sed 's/^/  /' "$out"
	MBPS=$(bench_result_field "$out" mbps)
	ERRORS=$(bench_result_field "$out" errors)
	CPU=$(bench_cpu_seconds "$s0" "$s1")
}

echo "== warm-up passes (not measured)"
pass warm-ours ours 2 3
pass warm-nginx nginx 2 3

declare -A mbps cpu errs
echo "== measured passes"
for round in $(seq 1 "$rounds"); do
	for clients in 1 8; do
		count=$downloads
		[ "$clients" = 8 ] && count=$downloads8
		for name in ours nginx; do
			pass "$name-$clients-$round" "$name" "$clients" "$count"
			mbps[$name-$clients-$round]=$MBPS cpu[$name-$clients-$round]=$CPU errs[$name-$clients-$round]=$ERRORS
		done
	done
done

echo
echo "== unpaced download of 1 GiB: 1 client x $downloads downloads, 8 clients x $downloads8 downloads, after a warm-up pass on each"
printf '%-6s %-8s %12s %12s %10s %14s %14s %8s\n' round clients "ours MB/s" "nginx MB/s" ours/nginx "ours CPU s" "nginx CPU s" errors
for round in $(seq 1 "$rounds"); do
	for clients in 1 8; do
		k=$clients-$round
		printf '%-6s %-8s %12s %12s %10s %14s %14s %8s\n' "$round" "$clients" "${mbps[ours-$k]}" "${mbps[nginx-$k]}" \
			"$(bench_ratio "${mbps[ours-$k]}" "${mbps[nginx-$k]}")" "${cpu[ours-$k]}" "${cpu[nginx-$k]}" \
			"$((${errs[ours-$k]} + ${errs[nginx-$k]}))"
	done
done
echo "peak RSS: ours $(bench_peak_rss_mb "$OURS_PID") MB, nginx $(bench_peak_rss_mb "$NGINX_PID") MB (all processes)"

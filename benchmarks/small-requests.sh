#!/usr/bin/env bash
# Small requests, side by side: wrk (-t1 -c20, keep-alive) with `Range: bytes=0-1023` against
#   (a) our media route on a small WAV (indexed and paced by default, the 1 KiB fits in the boost),
#   (b) a bare WebFlux router function in the same app serving 1 KiB from memory (the sample app's
#       benchmark baseline, sample.baseline-route.enabled=true): the framework's own ceiling,
#   (c) /actuator/health of the same app,
#   (d) nginx serving the same file with the same Range (same limit_rate settings as paced-streams.sh;
#       they do not slow 1 KiB).
# Every target gets a warm-up run first (ours 60 s by default, the bare route and health half that,
# nginx a quarter: with 20 s the JIT had not settled on the media path, whose first round read 0.68
# of the bare route and its second 0.86), then the measured runs (BENCH_ROUNDS of them, one after the
# other: a, b, c, d, a, b, ...). Prints requests/s, server CPU per request, and the ratios.
#
#   benchmarks/small-requests.sh [seconds=15] [warm-up seconds=60] [heap=512m]
# BENCH_ROUNDS (default 1) repeats the measured runs; BENCH_WRK_ARGS (default "-t1 -c20") changes wrk's.
# Needs nginx, wrk, ffmpeg and curl (installed when missing); ports 18200 (ours) and 18201 (nginx).
source "$(dirname "$0")/lib/common.sh"
seconds=${1:-15}
warm=${2:-60}
heap=${3:-512m}
rounds=${BENCH_ROUNDS:-1}
ours_port=18200
nginx_port=18201
echo "== $0 $seconds $warm $heap (rounds $rounds)"

bench_need nginx wrk ffmpeg curl
bench_build

root="$BENCH_TMP/media"
mkdir -p "$root"
bench_wav "$root/small.wav" 128 10
echo "media: small.wav, $(stat -c %s "$root/small.wav") bytes (10 s at 128 kbit/s)"

bench_start_ours "$ours_port" "$heap" "$root" --sample.baseline-route.enabled=true
bench_start_nginx "$nginx_port" "$root" "limit_rate 17600; limit_rate_after 80000;"

range='Range: bytes=0-1023'
names=(media baseline health nginx)
declare -A url=(
	[media]="http://127.0.0.1:$ours_port/media/small.wav"
	[baseline]="http://127.0.0.1:$ours_port/bench/baseline"
	[health]="http://127.0.0.1:$ours_port/actuator/health"
	[nginx]="http://127.0.0.1:$nginx_port/media/small.wav")
declare -A server=([media]=$OURS_PID [baseline]=$OURS_PID [health]=$OURS_PID [nginx]=$NGINX_PID)
declare -A warmup=([media]=$warm [baseline]=$((warm / 2)) [health]=$((warm / 2)) [nginx]=$((warm / 4 > 0 ? warm / 4 : 1)))

echo "== what each target answers"
for name in "${names[@]}"; do
	printf '%-9s %s\n' "$name" "$(curl -s -o /dev/null -H "$range" -w '%{http_code}, %{size_download} bytes, %{content_type}' "${url[$name]}")"
done

echo "== warm-up (not measured)"
for name in "${names[@]}"; do
	bench_wrk "warm-$name" "${server[$name]}" "${warmup[$name]}" "${url[$name]}" -H "$range" > /dev/null
	echo "warm-up $name: ${warmup[$name]} s, $WRK_RPS requests/s"
done

declare -A rps cpu errs
echo "== measured runs"
for round in $(seq 1 "$rounds"); do
	for name in "${names[@]}"; do
		bench_wrk "$name-$round" "${server[$name]}" "$seconds" "${url[$name]}" -H "$range"
		rps[$name-$round]=$WRK_RPS cpu[$name-$round]=$WRK_CPU errs[$name-$round]=$WRK_ERRORS
	done
done
ours_rss=$(bench_peak_rss_mb "$OURS_PID")
nginx_rss=$(bench_peak_rss_mb "$NGINX_PID")

echo
echo "== small requests: wrk ${BENCH_WRK_ARGS:--t1 -c20} -d${seconds}s -H '$range', after a warm-up of every target"
printf '%-6s %-9s %12s %14s %12s %8s\n' round target requests/s "server CPU s" "CPU us/req" errors
for round in $(seq 1 "$rounds"); do
	for name in "${names[@]}"; do
		k=$name-$round
		printf '%-6s %-9s %12s %14s %12s %8s\n' "$round" "$name" "${rps[$k]}" "${cpu[$k]}" \
			"$(awk -v c="${cpu[$k]}" -v r="${rps[$k]}" -v s="$seconds" 'BEGIN { if (r > 0) printf "%.0f", c * 1e6 / (r * s); else print "-" }')" "${errs[$k]}"
	done
	echo "round $round ratios: media/baseline $(bench_ratio "${rps[media-$round]}" "${rps[baseline-$round]}")," \
		"media/nginx $(bench_ratio "${rps[media-$round]}" "${rps[nginx-$round]}")," \
		"health/baseline $(bench_ratio "${rps[health-$round]}" "${rps[baseline-$round]}")," \
		"baseline/nginx $(bench_ratio "${rps[baseline-$round]}" "${rps[nginx-$round]}")"
done
echo "peak RSS: ours $ours_rss MB, nginx $nginx_rss MB (all processes)"

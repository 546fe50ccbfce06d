#!/usr/bin/env bash
# Paced streams, side by side: N concurrent GETs of one WAV of exactly KBIT kbit/s, paced by our sample
# app (defaults: speedup factor 0.1, boost 5 s) and by Debian's nginx with the same schedule
# (limit_rate = rate x 1.1, limit_rate_after = 5 s of media), in one run. Each server gets a warm-up
# pass of the same load first, then a measured pass: ramp, settle, then a window over which the script
# reads each server's CPU seconds (/proc/PID/stat) and the client measures every stream against its due
# bytes. Prints server CPU, its ratio, peak RSS and per-stream accuracy for both.
#
#   benchmarks/paced-streams.sh [streams=2000] [kbit=128] [heap=256m, 384m above 2,000 streams]
#     2,000 x 128 kbit/s:  benchmarks/paced-streams.sh 2000 128 256m
#     10,000 x 64 kbit/s:  benchmarks/paced-streams.sh 10000 64 384m
# Longer: BENCH_WINDOW (s, default 20), BENCH_SETTLE (10), BENCH_RAMP (5, or streams/1000),
# BENCH_WARMUP (settle time of the warm-up pass, 15). See lib/common.sh for the other knobs.
# Needs nginx, ffmpeg and curl (installed when missing); ports 18100 (ours) and 18101 (nginx).
source "$(dirname "$0")/lib/common.sh"
streams=${1:-2000}
kbit=${2:-128}
default_heap=256m
[ "$streams" -gt 2000 ] && default_heap=384m
heap=${3:-$default_heap}
window=${BENCH_WINDOW:-20}
settle=${BENCH_SETTLE:-10}
ramp=${BENCH_RAMP:-$(( streams / 1000 > 5 ? streams / 1000 : 5 ))}
warmup=${BENCH_WARMUP:-15}
ours_port=18100
nginx_port=18101
echo "== $0 $streams $kbit $heap (window $window s, settle $settle s, ramp $ramp s, warm-up pass settle $warmup s)"

bench_need nginx ffmpeg curl
bench_build

rate=$((kbit * 1000 / 8))
limit=$((rate * 11 / 10))
boost=$((rate * 5))
media_seconds=$((2 * (ramp + settle + window + warmup) + 60))
root="$BENCH_TMP/media"
mkdir -p "$root"
bench_wav "$root/tone.wav" "$kbit" "$media_seconds"
size=$(stat -c %s "$root/tone.wav")
# The body is the whole file; the schedule counts body bytes (the WAV header is part of it).
echo "media: tone.wav, $size bytes, $media_seconds s at $rate B/s; schedule: $boost B at once, then $limit B/s"

bench_start_ours "$ours_port" "$heap" "$root"
bench_start_nginx "$nginx_port" "$root" "limit_rate $limit; limit_rate_after $boost;"

echo "== warm-up passes (not measured)"
bench_paced_pass warm-ours "$OURS_PID" "$ours_port" /media/tone.wav "$streams" "$ramp" "$warmup" 0 "$boost" "$limit" "$size"
bench_paced_pass warm-nginx "$NGINX_PID" "$nginx_port" /media/tone.wav "$streams" "$ramp" "$warmup" 0 "$boost" "$limit" "$size"
sleep 2

echo "== measured passes"
bench_paced_pass ours "$OURS_PID" "$ours_port" /media/tone.wav "$streams" "$ramp" "$settle" "$window" "$boost" "$limit" "$size"
ours_out=$PASS_OUT ours_cpu=$PASS_CPU ours_client=$PASS_CLIENT_CPU
bench_paced_pass nginx "$NGINX_PID" "$nginx_port" /media/tone.wav "$streams" "$ramp" "$settle" "$window" "$boost" "$limit" "$size"
nginx_out=$PASS_OUT nginx_cpu=$PASS_CPU nginx_client=$PASS_CLIENT_CPU
ours_rss=$(bench_peak_rss_mb "$OURS_PID")
nginx_rss=$(bench_peak_rss_mb "$NGINX_PID")

echo "== server logs"
echo "ours: $(grep -cE ' (WARN|ERROR) ' "$OURS_LOG" || true) warnings/errors"; grep -E ' (WARN|ERROR) ' "$OURS_LOG" | head -5 || true
echo "nginx: $(wc -l < "$NGINX_PREFIX/logs/error.log") error.log lines"; head -5 "$NGINX_PREFIX/logs/error.log"

field() { bench_result_field "$1" "$2"; }
echo
echo "== paced streams: $streams x $kbit kbit/s ($limit B/s after $boost B), ${window} s window after ${ramp} s ramp + ${settle} s settle, warm-up pass on each first"
printf '%-34s %14s %14s %12s\n' "" ours nginx ours/nginx
printf '%-34s %14s %14s %12s\n' "server CPU seconds in the window" "$ours_cpu" "$nginx_cpu" "$(bench_ratio "$ours_cpu" "$nginx_cpu" %.1f)"
printf '%-34s %14s %14s %12s\n' "server CPU, share of one core" "$(bench_ratio "$ours_cpu" "$window")" "$(bench_ratio "$nginx_cpu" "$window")" ""
printf '%-34s %14s %14s %12s\n' "peak RSS MB (nginx: all processes)" "$ours_rss" "$nginx_rss" "$(bench_ratio "$ours_rss" "$nginx_rss" %.1f)"
printf '%-34s %14s %14s %12s\n' "streams within 10 % of due bytes" "$(field "$ours_out" within)/$streams" "$(field "$nginx_out" within)/$streams" ""
printf '%-34s %14s %14s %12s\n' "  received/due min" "$(field "$ours_out" min)" "$(field "$nginx_out" min)" ""
printf '%-34s %14s %14s %12s\n' "  received/due median" "$(field "$ours_out" median)" "$(field "$nginx_out" median)" ""
printf '%-34s %14s %14s %12s\n' "  received/due max" "$(field "$ours_out" max)" "$(field "$nginx_out" max)" ""
printf '%-34s %14s %14s %12s\n' "  behind by over 10 %" "$(field "$ours_out" behind)" "$(field "$nginx_out" behind)" ""
printf '%-34s %14s %14s %12s\n' "window rate within 10 %" "$(field "$ours_out" rate_within)/$streams" "$(field "$nginx_out" rate_within)/$streams" ""
printf '%-34s %14s %14s %12s\n' "  window rate min" "$(field "$ours_out" rate_min)" "$(field "$nginx_out" rate_min)" ""
printf '%-34s %14s %14s %12s\n' "  window rate median" "$(field "$ours_out" rate_median)" "$(field "$nginx_out" rate_median)" ""
printf '%-34s %14s %14s %12s\n' "  window rate max" "$(field "$ours_out" rate_max)" "$(field "$nginx_out" rate_max)" ""
printf '%-34s %14s %14s %12s\n' "errors" "$(field "$ours_out" errors)" "$(field "$nginx_out" errors)" ""
printf '%-34s %14s %14s %12s\n' "client CPU seconds in the window" "$ours_client" "$nginx_client" ""

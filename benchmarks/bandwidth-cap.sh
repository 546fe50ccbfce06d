#!/usr/bin/env bash
# The server-wide bandwidth cap (media.streaming.bandwidth.total-limit), measured over HTTP with
# PacedStreamsClient, which checks every stream against the bytes it is due:
#   1. 200 unpaced downloads of a 2 GB file under a CAP (default 20MB, i.e. 20 MiB/s): the total must be
#      within 5 % of the cap, and each stream within 20 % of its fair share (cap / 200);
#   2. 100 paced 128 kbit/s streams plus 50 unpaced downloads under the same cap: every paced stream keeps
#      its own rate (17,600 B/s after its 5 s boost), and the 50 downloads split the rest evenly.
# nginx has no server-wide cap to compare with (limit_rate is per connection).
#
#   benchmarks/bandwidth-cap.sh [cap=20MB] [window=20]
# Needs ffmpeg and curl; port 18600.
source "$(dirname "$0")/lib/common.sh"
cap=${1:-20MB}
window=${2:-20}
port=18600
echo "== $0 $cap $window"

bench_need ffmpeg curl
bench_build

case "$cap" in
	*MB) cap_bytes=$(( ${cap%MB} * 1024 * 1024 )) ;;
	*KB) cap_bytes=$(( ${cap%KB} * 1024 )) ;;
	*) echo "cap must end in MB or KB (Spring's DataSize units)" >&2; exit 2 ;;
esac
root="$BENCH_TMP/media"
mkdir -p "$root/unpaced"
bench_wav "$root/tone.wav" 128 300
# Sparse: the page cache serves zeros, so the disk is not what is measured.
truncate -s 2G "$root/unpaced/big.bin"
wav_size=$(stat -c %s "$root/tone.wav")
big_size=$(stat -c %s "$root/unpaced/big.bin")

bench_start_ours "$port" 512m "$root" "--media.streaming.bandwidth.total-limit=$cap" \
	'--media.streaming.rules[0].pattern=/media/unpaced/**' '--media.streaming.rules[0].auto-rate=false'

# client LABEL PATH STREAMS BOOST LIMIT FILE_BYTES: one PacedStreamsClient run (ramp 3 s, settle 5 s).
client() {
	local cmd=(java -cp "$BENCH_CLIENT_CP" io.github.mediastreaming.bench.PacedStreamsClient --label="$1" --port="$port"
		--path="$2" --streams="$3" --ramp=3 --settle=5 --window="$window" --boost="$4" --limit="$5" --file-bytes="$6")
	bench_show "${cmd[@]}"
	"${cmd[@]}"
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" "$1" | tail -1; }

echo "== warm-up: 50 unpaced downloads for 10 s (not measured)"
client warm /media/unpaced/big.bin 50 0 $((cap_bytes / 50)) "$big_size" > "$BENCH_TMP/warm.txt" || true
# Let the warm-up's connections close before the next pass.
sleep 3

echo "== 1. 200 unpaced downloads under $cap ($cap_bytes B/s; fair share $((cap_bytes / 200)) B/s each)"
client unpaced-200 /media/unpaced/big.bin 200 0 $((cap_bytes / 200)) "$big_size" | tee "$BENCH_TMP/one.txt"
total=$(sed -n 's/.*received in the window (\([0-9.]*\) MB\/s).*/\1/p' "$BENCH_TMP/one.txt" | tail -1)
echo "total: $total MB/s against a cap of $(awk -v c="$cap_bytes" 'BEGIN { printf "%.2f", c / 1e6 }') MB/s" \
	"(ratio $(awk -v t="$total" -v c="$cap_bytes" 'BEGIN { printf "%.3f", t * 1e6 / c }'));" \
	"streams within 10 % of the fair share over the window: $(field "$BENCH_TMP/one.txt" rate_within) of 200" \
	"(min $(field "$BENCH_TMP/one.txt" rate_min), max $(field "$BENCH_TMP/one.txt" rate_max) of the share)"
sleep 3

paced_total=$((100 * 17600))
share=$(( (cap_bytes - paced_total) / 50 ))
echo "== 2. 100 paced 128 kbit/s streams + 50 unpaced downloads under $cap (each download's share: $share B/s)"
client paced-100 /media/tone.wav 100 80000 17600 "$wav_size" > "$BENCH_TMP/paced.txt" &
paced_pid=$!
client unpaced-50 /media/unpaced/big.bin 50 0 "$share" "$big_size" > "$BENCH_TMP/unpaced.txt"
wait "$paced_pid" || true
cat "$BENCH_TMP/paced.txt" "$BENCH_TMP/unpaced.txt" | grep -v '^window'
echo "== server log: $(grep -cE ' (WARN|ERROR) ' "$OURS_LOG" || true) warnings/errors"
curl -s "http://127.0.0.1:$port/actuator/media" | head -c 400; echo

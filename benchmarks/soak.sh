#!/usr/bin/env bash
# A soak: MINUTES of mixed load on one sample app (-Xmx256m), recording once a minute what must stay flat:
# RSS, heap after a full GC, open file descriptors, active streams, and errors (5xx answers, unexpected
# statuses, ERROR lines in the server's log). The load, all at once:
#   - paced streams: 300 GETs of a 128 kbit/s WAV at a time, in rounds of about a minute; every round's
#     clients hang up mid-stream when it ends (PacedStreamsClient);
#   - seeks: ?start= at random times of a 2-minute H.264 MP4 and of an MP3, each read for 1 s and then
#     hung up on (curl --max-time 1), four at a time;
#   - Range requests: 1 KiB ranges of the WAV, one client in a loop;
#   - stalled clients: every minute 5 connections ask for a 200 MB unpaced file and never read; the send
#     timeout (60 s) closes them;
#   - bad input: ?start=abc, a path with .., an unsatisfiable Range, a crafted MP4 whose stsz declares
#     20 million samples, a truncated FLV; each must get its 4xx (or a 200 unindexed), never a 5xx.
# Prints a table (minute, RSS MB, heap after GC MB, fds, active streams, requests, errors) and writes it
# to BENCH_SOAK_OUT (default /tmp/soak.tsv), with a PNG plot when gnuplot is installed
# (BENCH_SOAK_PNG, default docs/soak.png). Exits 1 if anything is not flat: the last sample more than
# 20 % (and 16 MB / 32 fds) above the one at minute 2, or any error.
#
#   benchmarks/soak.sh [minutes=30]
# Needs ffmpeg, curl and jcmd; port 18500.
source "$(dirname "$0")/lib/common.sh"
minutes=${1:-30}
port=18500
out=${BENCH_SOAK_OUT:-/tmp/soak.tsv}
png=${BENCH_SOAK_PNG:-docs/soak.png}
base="http://127.0.0.1:$port"
echo "== $0 $minutes"

bench_need ffmpeg curl
bench_build

root="$BENCH_TMP/media"
mkdir -p "$root/unpaced"
bench_wav "$root/tone.wav" 128 600
ffmpeg -v error -y -f lavfi -i "testsrc=size=320x240:rate=25:duration=120" -f lavfi \
	-i "sine=frequency=440:duration=120" -c:v libx264 -preset veryfast -g 50 -c:a aac -b:a 64k "$root/movie.mp4"
ffmpeg -v error -y -f lavfi -i "sine=frequency=440:duration=120" -c:a libmp3lame -b:a 128k "$root/song.mp3"
ffmpeg -v error -y -f lavfi -i "testsrc=size=160x120:rate=25:duration=20" -c:v flv1 "$root/clip.flv"
head -c $(( $(stat -c %s "$root/clip.flv") / 3 )) "$root/clip.flv" > "$root/truncated.flv"
head -c 209715200 /dev/zero > "$root/unpaced/big.bin"
# A crafted MP4: ftyp, a moov whose only track's stsz declares 20,000,000 one-byte samples, a sparse mdat.
python3 - "$root/crafted.mp4" <<'PY'
import struct, sys
def box(kind, payload): return struct.pack('>I', 8 + len(payload)) + kind + payload
def full(kind, payload): return box(kind, b'\0\0\0\0' + payload)
stbl = box(b'stbl', full(b'stsd', struct.pack('>I', 0)) + full(b'stts', struct.pack('>III', 1, 20000000, 1))
           + full(b'stsc', struct.pack('>IIII', 1, 1, 20000000, 1)) + full(b'stsz', struct.pack('>II', 1, 20000000))
           + full(b'stco', struct.pack('>II', 1, 4096)))
mdia = box(b'mdia', full(b'mdhd', struct.pack('>IIIIHH', 0, 0, 1000, 20000000, 0, 0))
           + full(b'hdlr', struct.pack('>I', 0) + b'soun' + b'\0' * 13) + box(b'minf', stbl))
trak = box(b'trak', full(b'tkhd', struct.pack('>IIIII', 0, 0, 1, 0, 20000000) + b'\0' * 60) + mdia)
moov = box(b'moov', full(b'mvhd', struct.pack('>IIII', 0, 0, 1000, 20000000) + b'\0' * 80) + trak)
data = box(b'ftyp', b'isom\0\0\0\0isom') + moov
with open(sys.argv[1], 'wb') as f:
    f.write(data + b'\0' * (4096 - len(data)) + struct.pack('>I', 20000008) + b'mdat')
    f.truncate(4096 + 20000008)
PY

bench_start_ours "$port" 256m "$root" '--media.streaming.rules[0].pattern=/media/unpaced/**' \
	'--media.streaming.rules[0].auto-rate=false'
wav_size=$(stat -c %s "$root/tone.wav")
statuses="$BENCH_TMP/statuses"
mkdir -p "$statuses"
end=$(( $(date +%s) + minutes * 60 ))

# loop NAME EXPECTED_REGEX COMMAND...: run COMMAND (which prints an HTTP status) until the end, counting
# answers in $statuses/NAME.ok and unexpected ones (with the status) in $statuses/NAME.bad.
loop() {
	local name=$1 expected=$2 code
	shift 2
	while [ "$(date +%s)" -lt "$end" ]; do
		code=$("$@" 2>/dev/null || true)
		code=${code:0:3}
		if [[ "$code" =~ $expected ]]; then echo . >> "$statuses/$name.ok"; else echo "$code" >> "$statuses/$name.bad"; fi
	done
}
status_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
seek_mp4() { status_of --max-time 1 "$base/media/movie.mp4?start=$((RANDOM % 110))"; }
seek_mp3() { status_of --max-time 1 "$base/media/song.mp3?start=$((RANDOM % 110))"; }
small_range() { local from=$((RANDOM * 64)); status_of -r "$from-$((from + 1023))" "$base/media/tone.wav"; }
bad_start() { status_of "$base/media/movie.mp4?start=abc"; }
bad_path() { status_of --path-as-is "$base/media/../../etc/passwd"; }
bad_range() { status_of -r "999999999-" "$base/media/tone.wav"; }
crafted() { status_of --max-time 5 "$base/media/crafted.mp4?start=3"; }
truncated() { status_of --max-time 5 "$base/media/truncated.flv?start=100"; }

pids=()
for _ in 1 2; do loop seek-mp4 '^200$' seek_mp4 & pids+=($!); done
for _ in 1 2; do loop seek-mp3 '^200$' seek_mp3 & pids+=($!); done
loop range '^206$' small_range & pids+=($!)
loop bad-start '^400$' bad_start & pids+=($!)
loop bad-path '^(400|404)$' bad_path & pids+=($!)
loop bad-range '^416$' bad_range & pids+=($!)
# Unindexable files: served unseekable (400 for ?start=) or unindexed, never a 5xx.
loop crafted '^(200|4[0-9][0-9])$' crafted & pids+=($!)
loop truncated '^(200|4[0-9][0-9])$' truncated & pids+=($!)
(
	while [ "$(date +%s)" -lt "$end" ]; do
		java -cp "$BENCH_CLIENT_CP" io.github.mediastreaming.bench.PacedStreamsClient --label=soak --port="$port" \
			--path=/media/tone.wav --streams=300 --ramp=5 --settle=5 --window=45 --boost=80000 --limit=17600 \
			--file-bytes="$wav_size" > "$BENCH_TMP/paced-last.txt" 2>&1 || true
		grep -h '^RESULT' "$BENCH_TMP/paced-last.txt" >> "$statuses/paced.results" || true
	done
) & pids+=($!)
(
	while [ "$(date +%s)" -lt "$end" ]; do
		for _ in 1 2 3 4 5; do
			( exec 3<>"/dev/tcp/127.0.0.1/$port"
			  printf 'GET /media/unpaced/big.bin HTTP/1.1\r\nHost: soak\r\n\r\n' >&3
			  sleep 100 ) &
		done
		sleep 60
	done
) & pids+=($!)
BENCH_PIDS+=("${pids[@]}")

metric() {
	curl -s "$base/actuator/metrics/$1${2:+?tag=$2}" | sed -n 's/.*"statistic":"VALUE","value":\([0-9.E]*\).*/\1/p' | head -1
}
errors() {
	local bad server
	bad=$( { cat "$statuses"/*.bad 2>/dev/null || true; } | wc -l)
	server=$(grep -c ' ERROR ' "$OURS_LOG" || true)
	echo $((bad + server))
}
printf 'minute\trss_mb\theap_after_gc_mb\tfds\tactive_streams\trequests\terrors\n' | tee "$out"
minute=0
while :; do
	jcmd "$OURS_PID" GC.run > /dev/null 2>&1 || true
	heap=$(metric jvm.memory.used area:heap)
	rss=$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$OURS_PID/status")
	fds=$(ls "/proc/$OURS_PID/fd" | wc -l)
	active=$(metric media.streams.active)
	requests=$( { cat "$statuses"/*.ok "$statuses"/*.bad 2>/dev/null || true; } | wc -l)
	printf '%d\t%d\t%.0f\t%d\t%.0f\t%d\t%d\n' "$minute" "$rss" "$(echo "${heap:-0}" | awk '{ print $1 / 1048576 }')" \
		"$fds" "${active:-0}" "$requests" "$(errors)" | tee -a "$out"
	[ "$(date +%s)" -ge "$end" ] && break
	minute=$((minute + 1))
	sleep 60
done
for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done

echo "== unexpected answers by load (status: count)"
for file in "$statuses"/*.bad; do
	[ -f "$file" ] && echo "$(basename "$file" .bad): $(sort "$file" | uniq -c | tr '\n' ' ')"
done
echo "== answers as expected by load"
for file in "$statuses"/*.ok; do echo "$(basename "$file" .ok): $(wc -l < "$file")"; done
echo "== paced rounds (streams within 10 % of due bytes)"
cat "$statuses/paced.results" 2>/dev/null || true
echo "== server log: $(grep -cE ' (WARN|ERROR) ' "$OURS_LOG" || true) warnings/errors"
grep -E ' (WARN|ERROR) ' "$OURS_LOG" | cut -c1-220 | sort | uniq -c | sort -rn | head -10 || true

if command -v gnuplot > /dev/null; then
	gnuplot <<PLOT
set terminal pngcairo size 1000,500 font ",11"
set output "$png"
set title "Soak: $minutes minutes of mixed load (sample app, -Xmx256m)"
set xlabel "minute"
set ylabel "MB"
set y2label "count"
set y2tics
set ytics nomirror
set grid
set key outside bottom center horizontal
plot "$out" using 1:2 title "RSS (MB)" with linespoints, \
     "$out" using 1:3 title "heap after GC (MB)" with linespoints, \
     "$out" using 1:4 axes x1y2 title "open fds" with linespoints, \
     "$out" using 1:5 axes x1y2 title "active streams" with linespoints, \
     "$out" using 1:7 axes x1y2 title "errors" with linespoints
PLOT
	echo "wrote $png"
fi

# Flat: the last sample within 20 % (and a small absolute margin) of minute 2's, and no errors.
awk -F'\t' 'NR == 4 { r = $2; h = $3; f = $4 } END {
	ok = ($2 <= r * 1.2 + 16) && ($3 <= h * 1.2 + 16) && ($4 <= f * 1.2 + 32) && ($7 == 0)
	printf "flat: %s (RSS %d -> %d MB, heap %d -> %d MB, fds %d -> %d, errors %d)\n", ok ? "yes" : "NO", r, $2, h, $3, f, $4, $7
	exit ok ? 0 : 1 }' "$out"

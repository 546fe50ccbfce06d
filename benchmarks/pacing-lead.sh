#!/usr/bin/env bash
# The pacing-lead picture (docs/pacing-lead.png): the sample app serves the two variable-bitrate MP4 files
# of the timeline tests (10 s of a complex scene then 10 s of a still one, and the reverse; about 5x
# between them) with the defaults (factor 0.1, boost 5 s), in both pacing modes at once: /media/ on the
# media's timeline (the default), /media/average/ at the average rate (a rule). LeadRecorder reads the
# four streams as players would and maps the bytes received to media time by the files' own packets
# (ffprobe); gnuplot draws each stream's lead (media received minus time elapsed) over time, with the
# bounds the timeline tests check (boost - 1 s, boost + factor x elapsed + 1 s). A lead below zero is
# a player that stalls.
#
#   benchmarks/pacing-lead.sh [out.png=docs/pacing-lead.png]
# Needs ffmpeg and gnuplot (installed when missing); port 18450. Not a side-by-side benchmark: nginx has
# no timeline pacing to compare with.
source "$(dirname "$0")/lib/common.sh"
out=${1:-docs/pacing-lead.png}
port=18450
echo "== $0 $out"

bench_need ffmpeg gnuplot
command -v gnuplot >/dev/null || bench_need gnuplot-nox
bench_build

cp="$BENCH_CLIENT_CP"
media="$BENCH_TMP/media"
data="$BENCH_TMP/lead"
bench_show java -cp "$cp" io.github.mediastreaming.bench.LeadRecorder prepare "$media"
java -cp "$cp" io.github.mediastreaming.bench.LeadRecorder prepare "$media"
bench_start_ours "$port" 256m "$media" '--media.streaming.rules[0].pattern=/media/average/**' \
	'--media.streaming.rules[0].pacing-mode=average'
bench_show java -cp "$cp" io.github.mediastreaming.bench.LeadRecorder record "$port" "$media" "$data"
java -cp "$cp" io.github.mediastreaming.bench.LeadRecorder record "$port" "$media" "$data"

gnuplot <<PLOT
set terminal pngcairo size 1000,560 font ",11"
set output "$out"
set title "Lead of a player over the media it has received (2 x 10 s VBR MP4, factor 0.1, boost 5 s)"
set xlabel "seconds since the first byte"
set ylabel "lead (s): media received - time elapsed"
set grid
set key top right
set xrange [0:15]
set yrange [-4:14]
plot 5 - 1 + 0*x title "bounds checked by the tests" with lines dashtype 2 lc rgb "#888888", \
     5 + 0.1*x + 1 notitle with lines dashtype 2 lc rgb "#888888", \
     0 title "below this the player stalls" with lines lc rgb "#cc0000", \
     "$data/timeline-complex-first.dat" title "timeline, complex scene first" with lines lw 2 lc rgb "#1f77b4", \
     "$data/timeline-simple-first.dat" title "timeline, still scene first" with lines lw 2 lc rgb "#2ca02c", \
     "$data/average-complex-first.dat" title "average rate, complex scene first" with lines lw 2 dashtype 4 lc rgb "#ff7f0e", \
     "$data/average-simple-first.dat" title "average rate, still scene first" with lines lw 2 dashtype 4 lc rgb "#9467bd"
PLOT
echo "wrote $out"

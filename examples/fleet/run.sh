#!/usr/bin/env bash
# Two instances of the sample app behind nginx, both serving one S3 bucket (s3proxy standing in for S3),
# as docs/deployment.md walks through. Needs java, curl and nginx (Debian: apt-get install -y nginx).
#   examples/fleet/run.sh          start everything, run the checks, keep running until Ctrl-C
#   examples/fleet/run.sh --check  start everything, run the checks, stop
# Ports (loopback only): 20200 s3proxy, 20201 and 20202 the instances, 20210 nginx.
set -euo pipefail
cd "$(dirname "$0")/../.."
. benchmarks/s3-lib.sh
s3_port=20200
lb=http://127.0.0.1:20210
work=$(mktemp -d)
s3proxy_pid=; app_pid=; pids=()
stop() {
  nginx -c "$work/nginx.conf" -s stop 2>/dev/null || true
  kill "${pids[@]}" $s3proxy_pid 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT

[ -f sample-app/target/media-streaming-sample-app-0.1.0-SNAPSHOT.jar ] && [ -f "$S3PROXY_JAR" ] \
  || ./mvnw -B -q -DskipTests package

echo "== the store: s3proxy on :$s3_port, bucket 'media' with the sample files"
s3proxy_start "$work/s3" $s3_port
for file in sample-app/media/demo.*; do
  s3_put $s3_port media "$(basename "$file")" "$file"
done

for port in 20201 20202; do
  echo "== instance on :$port"
  # shellcheck disable=SC2046
  app_start $port 256m "$work/app-$port.log" $(s3_args $s3_port media) \
    --media.streaming.cache-control="public, max-age=86400" --server.forward-headers-strategy=native
  pids+=("$app_pid")
done

cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events {}
http {
  access_log off;
  upstream media {
    server 127.0.0.1:20201;
    server 127.0.0.1:20202;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:20210;
    location / {
      proxy_pass http://media;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$host;
      proxy_set_header X-Forwarded-Port \$server_port;
      proxy_set_header X-Forwarded-Prefix "";
      proxy_set_header Forwarded "";
      # Paced bodies pass straight through: nothing is buffered ahead of the viewer.
      proxy_buffering off;
      add_header X-Served-By \$upstream_addr always;
    }
  }
}
CONF
nginx -c "$work/nginx.conf"
sleep 1
echo "== nginx on $lb"

header() { curl -s -o /dev/null -D - "$@" | tr -d '\r' | awk -v h="$(echo "$HEADER" | tr 'A-Z' 'a-z')" 'tolower($1) == h ":" { print $2 }'; }

echo "== 1. Requests alternate between the instances; both answer with the same validators"
for _ in 1 2 3 4; do
  curl -s -o /dev/null -D - -r 0-0 "$lb/media/demo.mp4" | tr -d '\r' \
    | awk 'tolower($1) ~ /^(x-served-by|etag|last-modified|cache-control):$/ { printf "%s ", $0 } END { print "" }'
done
etags=$(for _ in 1 2; do HEADER=ETag header -r 0-0 "$lb/media/demo.mp4?start=5"; done | sort -u | wc -l)
echo "distinct ETags of one seek document across the two instances: $etags"

echo "== 2. A player's Range requests may land on either instance: the pieces join into the same document"
curl -s "$lb/media/demo.mp4?start=5" -o "$work/whole.mp4"
curl -s -r 0-99999 "$lb/media/demo.mp4?start=5" -o "$work/part1"
curl -s -r 100000- "$lb/media/demo.mp4?start=5" -o "$work/part2"
cat "$work/part1" "$work/part2" | cmp - "$work/whole.mp4" && echo "joined ranges == whole seek document ($(stat -c %s "$work/whole.mp4") bytes)"

echo "== 3. A revalidation (what a CDN sends) gets 304 from whichever instance it reaches"
etag=$(HEADER=ETag header "$lb/media/demo.mp3")
for _ in 1 2; do
  curl -s -o /dev/null -w "%{http_code} from " -H "If-None-Match: $etag" -D "$work/h" "$lb/media/demo.mp3"
  tr -d '\r' < "$work/h" | awk 'tolower($1) == "x-served-by:" { print $2 }'
done

echo "== 4. Paced: a viewer gets the boost at once, then the media's rate"
curl -s -o /dev/null -w "demo.mp3 (%{size_download} bytes) in %{time_total} s at %{speed_download} B/s\n" "$lb/media/demo.mp3"

echo "== 5. Forwarded headers a client sends are replaced or dropped by nginx: spoofed or malformed, the request is served"
for spoof in "X-Forwarded-For: 6.6.6.6" "X-Forwarded-Port: x" "X-Forwarded-Host: a:b" "Forwarded: for=1.2.3.4:x"; do
  curl -s -o /dev/null -w "$spoof -> %{http_code}\n" -H "$spoof" -r 0-99 "$lb/media/demo.mp3"
done

if [ "${1:-}" = "--check" ]; then
  exit 0
fi
echo "== Running: open $lb/ (Ctrl-C stops everything)"
wait "${pids[0]}"

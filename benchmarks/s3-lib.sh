# Shared by the S3 benchmarks and the fleet example: s3proxy (the S3 API server the tests use) as a
# separate process with a filesystem backend, anonymous access, on a loopback port.
# Source it; needs the build's copy of the jar (./mvnw package copies it to
# media-streaming-autoconfigure/target/s3proxy/s3proxy.jar).

S3PROXY_JAR=${S3PROXY_JAR:-media-streaming-autoconfigure/target/s3proxy/s3proxy.jar}

# s3proxy_start DIR PORT: start it, wait until it answers; sets s3proxy_pid
s3proxy_start() {
  local dir=$1 port=$2
  mkdir -p "$dir/data"
  cat > "$dir/s3proxy.conf" <<CONF
s3proxy.authorization=none
s3proxy.endpoint=http://127.0.0.1:$port
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$dir/data
CONF
  java -Xmx256m -XX:+UseSerialGC -jar "$S3PROXY_JAR" --properties "$dir/s3proxy.conf" > "$dir/s3proxy.log" 2>&1 &
  s3proxy_pid=$!
  for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0; sleep 0.5; done
  echo "s3proxy did not start, see $dir/s3proxy.log" >&2
  return 1
}

# s3_put PORT BUCKET KEY FILE: create the bucket if needed and upload a file (anonymous access)
s3_put() {
  curl -s -o /dev/null -X PUT "http://127.0.0.1:$1/$2" || true
  curl -sf -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' --data-binary @"$4" "http://127.0.0.1:$1/$2/$3"
}

# app_start PORT HEAP LOG ARGS...: start the sample app, wait until its actuator answers; sets app_pid
app_start() {
  local port=$1 heap=$2 log=$3
  shift 3
  AWS_ACCESS_KEY_ID=anonymous AWS_SECRET_ACCESS_KEY=anonymous MEDIA_STREAMING_ROOT=${MEDIA_STREAMING_ROOT:-/tmp} \
    java -Xmx"$heap" -XX:+UseSerialGC -jar sample-app/target/media-streaming-sample-app-*.jar \
    --server.port="$port" --server.address=127.0.0.1 --logging.level.root=warn "$@" > "$log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 90); do curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health" && return 0; sleep 1; done
  echo "the app did not start, see $log" >&2
  return 1
}

# s3_args PORT BUCKET: the properties that point the app at s3proxy
s3_args() {
  echo "--media.streaming.s3.bucket=$2 --media.streaming.s3.endpoint=http://127.0.0.1:$1 --media.streaming.s3.path-style-access=true --media.streaming.s3.region=us-east-1"
}

# metric PORT NAME [QUERY]: the first measurement of an actuator metric (COUNT for a timer)
metric() {
  curl -s "http://127.0.0.1:$1/actuator/metrics/$2${3:-}" | grep -o '"value":[0-9.Ee+-]*' | head -1 | cut -d: -f2
}

# live_heap_kb PID: heap in use right after a full GC (what is really held)
live_heap_kb() {
  jcmd "$1" GC.run > /dev/null
  jcmd "$1" GC.heap_info | grep -o 'used [0-9]*K' | head -2 | tr -dc '0-9\n' | awk '{ s += $1 } END { print s }'
}

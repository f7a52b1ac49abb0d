#!/usr/bin/env bash
# The cluster case, by hand until the http suite has one: two instances of the demo site on one
# PostgreSQL database and one Redis, behind nginx (round robin), against one instance direct,
# for the cached article and home page. Prints wrk's req/s and p99, and CPU µs per request of
# each instance. Needs a Release build (made if missing), PostgreSQL, Redis, nginx and wrk.
#   bench/cluster/run.sh [seconds per measurement, default 10]
# BENCH_POSTGRES (server connection string) and BENCH_REDIS (host:port) name the servers.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-10}
pg=${BENCH_POSTGRES:-"Host=127.0.0.1;Port=5432;Username=postgres;Password=backlot-ci"}
redis=${BENCH_REDIS:-127.0.0.1:6379}
dll=$root/src/Backlot/bin/Release/net10.0/backlot.dll
[ -f "$dll" ] || dotnet build -c Release "$root/src/Backlot" --nologo -v q >/dev/null
work=$(mktemp -d)
db="backlot_bench_$(date +%s)"
pids=()
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  PGPASSWORD=backlot-ci psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

start_instance() { # name port
  mkdir -p "$work/$1"
  (cd "$root/src/Backlot" && exec dotnet "$dll" --data "$work/$1" --urls "http://127.0.0.1:$2" \
    --Database:Provider=Postgres --Database:ConnectionString="$pg;Database=$db" \
    --Redis:Configuration="$redis" --Redis:Prefix="$db:" --Logging:LogLevel:Default=Warning >"$work/$1.log" 2>&1) &
  pids+=($!)
  for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$2/healthz" >/dev/null && return; sleep 0.5; done
  echo "$1 did not start:"; cat "$work/$1.log"; exit 1
}

a=$(port); start_instance a "$a"
b=$(port); start_instance b "$b"
n=$(port)
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/body; proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi; uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  upstream backlot { server 127.0.0.1:$a; server 127.0.0.1:$b; keepalive 64; }
  server {
    listen 127.0.0.1:$n;
    location / {
      proxy_pass http://backlot; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"

article=/movies/behind-the-scenes-details-that-made-scenes-memorable
measure() { # label url
  local before_a before_b out requests
  wrk -t2 -c32 -d3s "$2" >/dev/null # warm-up (and fills both instances' caches)
  before_a=$(cpu_ticks "${pids[0]}"); before_b=$(cpu_ticks "${pids[1]}")
  out=$(wrk -t2 -c32 -d"${seconds}s" --latency "$2")
  requests=$(echo "$out" | awk '/requests in/ { print $1 }')
  local tick_us=$((1000000 / $(getconf CLK_TCK)))
  printf '%-28s %10s req/s  p99 %8s  non-2xx %s  CPU µs/request: A %s, B %s\n' "$1" \
    "$(echo "$out" | awk '/Requests\/sec/ { print $2 }')" "$(echo "$out" | awk '$1 == "99%" { print $2 }')" \
    "$(echo "$out" | awk '/Non-2xx/ { print $NF }' | grep . || echo 0)" \
    "$(( ($(cpu_ticks "${pids[0]}") - before_a) * tick_us / requests ))" "$(( ($(cpu_ticks "${pids[1]}") - before_b) * tick_us / requests ))"
}

echo "wrk -t2 -c32 -d${seconds}s; instances on PostgreSQL database $db and Redis $redis; $(nproc) cores"
for page in "$article" /; do
  measure "one instance direct $page" "http://127.0.0.1:$a$page"
  measure "two behind nginx $page" "http://127.0.0.1:$n$page"
done

#!/usr/bin/env bash
# Zero-downtime redeploys through the environment ingress: a client keeps requesting
# http://{app}.test.localhost:{port}/ while the service is redeployed, and counts the requests that fail.
# The same client first runs as long against the idle service, in the same run, as the baseline rate.
#
#   bench/ingress-redeploy.sh [redeploys] [runtime]     (default 3, docker when an engine answers)
#
# Goal: no failed request during any redeploy.
# Needs the built jar (mvn -q -B -Dexec.skip=true -DskipTests -pl platform-api -am package).
set -euo pipefail

redeploys=${1:-3}
source "$(dirname "$0")/lib.sh"
require_jar
runtime=${2:-$(docker info >/dev/null 2>&1 && echo docker || echo process)}

work=$(mktemp -d)
app="bench-ingress-$$"
client_pid=
cleanup() {
  [ -n "$client_pid" ] && kill "$client_pid" 2>/dev/null || true
  stop_platform
  [ "$runtime" = docker ] && remove_platform_docker "$app"
  rm -rf "$work"
}
trap cleanup EXIT

# Requests the service through the ingress until $1 appears; one line per request: ok or fail <code>.
load() {
  local stop=$1 out=$2 host="$app.test.localhost" code
  while [ ! -e "$stop" ]; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
      --resolve "$host:$port:127.0.0.1" "http://$host:$port/" || true)
    if [ "$code" = 200 ]; then echo ok; else echo "fail $code"; fi
  done >"$out"
}

sample_repo "$work/origin.git"
start_platform "$work/home" "$runtime"
port=${base##*:}
register_app "$app" "$work/origin.git"
first=$(deploy "$app" test)
[ "$(await_deployment "$first" 300)" = RUNNING ] || { echo "first deployment failed" >&2; exit 1; }

seconds=12
load "$work/stop-baseline" "$work/baseline.txt" &
client_pid=$!
sleep "$seconds"; touch "$work/stop-baseline"; wait "$client_pid"; client_pid=
base_ok=$(grep -c '^ok' "$work/baseline.txt" || true)
base_fail=$(grep -c '^fail' "$work/baseline.txt" || true)
printf 'runtime %s; baseline (idle service, %s s): %s ok, %s failed, %.1f requests/s\n' \
  "$runtime" "$seconds" "$base_ok" "$base_fail" "$(echo "$base_ok / $seconds" | bc -l)"

printf '%-9s %8s %8s %8s %10s\n' redeploy seconds ok failed 'req/s'
total_fail=0
source_id=$first
for i in $(seq 1 "$redeploys"); do
  rm -f "$work/stop"
  load "$work/stop" "$work/run$i.txt" &
  client_pid=$!
  t0=$(now_ms)
  id=$(curl -fsS -X POST "$base/api/deployments/$source_id/redeploy" | jq -r .id)
  state=$(await_deployment "$id" 300)
  # Past the drain time, so the old instance's removal happens under load too.
  sleep 4
  t1=$(now_ms)
  touch "$work/stop"; wait "$client_pid"; client_pid=
  [ "$state" = RUNNING ] || { echo "redeploy $i ended $state" >&2; exit 1; }
  ok=$(grep -c '^ok' "$work/run$i.txt" || true)
  failed=$(grep -c '^fail' "$work/run$i.txt" || true)
  total_fail=$(( total_fail + failed ))
  secs=$(echo "($t1 - $t0) / 1000" | bc -l)
  printf '%-9s %8.1f %8s %8s %10.1f\n' "$i" "$secs" "$ok" "$failed" "$(echo "$ok / $secs" | bc -l)"
  source_id=$id
done
echo "failed requests during $redeploys redeploys: $total_fail (goal 0)"

#!/usr/bin/env bash
# Rollback: POST /api/deployments/{id}/rollback -> RUNNING with no step left (Docker runtime), against the
# app's own start time measured in the same run: docker run of the same image -> health answers 2xx.
# Rollbacks and app starts alternate; the first pair is a warm-up and is not counted.
#
#   bench/rollback.sh [pairs]     (default 7: one warm-up pair, then 6 counted)
#
# Two builds of the sample are deployed first; each rollback goes back to the one not serving, so every
# rollback starts an existing image, waits for its health, and stops the instance it replaces.
# The rollback's time runs from the POST to the end of its last step (read back from the API; same
# clock), polled every half second. Goal: rollback median <= app start median + 2 s.
#
# Needs the built jar (mvn -q -B -Dexec.skip=true -DskipTests -pl platform-api -am package), a Docker
# engine and the local base image eclipse-temurin:17-jre.
set -euo pipefail

pairs=${1:-7}
env=test
source "$(dirname "$0")/lib.sh"
require_jar
require_docker

work=$(mktemp -d)
app="bench-rollback-$$"
cleanup() {
  stop_platform
  remove_platform_docker "$app"
  docker ps -aq --filter "name=^$app-start-" | xargs -r docker rm -f >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

repo="$work/origin.git"
sample_repo "$repo"
start_platform "$work/home" docker -Xmx512m
register_app "$app" "$repo"
sources=()
for build in 1 2; do
  id=$(deploy "$app" "$env")
  status=$(await_deployment "$id" 600)
  if [ "$status" != RUNNING ]; then echo "deployment $id ended $status" >&2; exit 1; fi
  sources+=("$id")
done
image_of() { curl -fsS "$base/api/deployments/$1" | jq -r .image; }
echo "platform up at $base (docker runtime); deployments ${sources[0]} ($(image_of "${sources[0]}")) and" \
  "${sources[1]} ($(image_of "${sources[1]}")) built; $pairs pairs, first is warm-up"

# The app's own start: a container of the same image, published on loopback, until health answers 2xx.
app_start() {
  local image=$1 name=$2 port
  docker run -d --name "$name" -p 127.0.0.1::8080 -e SERVER_PORT=8080 "$image" java -jar /app/app.jar >/dev/null
  port=$(docker port "$name" 8080/tcp | head -1 | sed 's/.*://')
  await_http "http://127.0.0.1:$port/actuator/health" 120
}

rollback_ms=()
start_ms=()
for i in $(seq 1 "$pairs"); do
  # Deployment 2 serves first, so the first rollback goes to 1, the next to 2, and so on.
  source_id=${sources[$(( (i - 1) % 2 ))]}
  image=$(image_of "$source_id")
  t0=$(now_ms)
  id=$(rollback "$source_id")
  status=$(await_deployment "$id" 300)
  if [ "$status" != RUNNING ]; then
    echo "pair $i: rollback $id ended $status:" >&2
    curl -fsS "$base/api/deployments/$id" | jq -r .error >&2
    exit 1
  fi
  r=$(( $(done_ms "$id") - t0 ))
  steps=$(step_times "$id")

  t0=$(now_ms)
  app_start "$image" "$app-start-$i"
  t1=$(now_ms)
  s=$(( t1 - t0 ))
  docker rm -f "$app-start-$i" >/dev/null

  label="pair $i"; if [ "$i" -eq 1 ]; then label="pair 1 (warm-up)"; else rollback_ms+=("$r"); start_ms+=("$s"); fi
  awk -v l="$label" -v r="$r" -v s="$s" -v img="$image" \
    'BEGIN { printf "%-17s rollback to %-28s %5.1f s   app start %5.1f s   difference %+5.1f s\n", l, img, r / 1000, s / 1000, (r - s) / 1000 }'
  echo "    rollback steps: $steps"
done

if [ "${#rollback_ms[@]}" -eq 0 ]; then echo "no counted pairs (ask for 2 or more)"; exit 0; fi
rm_=$(median "${rollback_ms[@]}")
sm=$(median "${start_ms[@]}")
awk -v r="$rm_" -v s="$sm" -v n="${#rollback_ms[@]}" 'BEGIN {
  printf "counted pairs: %d\nrollback median %.1f s, app start median %.1f s, difference %+.1f s; goal <= +2.0 s: %s\n",
    n, r / 1000, s / 1000, (r - s) / 1000, ((r - s) <= 2000) ? "met" : "MISSED"
}'

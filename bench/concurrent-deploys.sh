#!/usr/bin/env bash
# Twenty deployments at once: one sample repository registered as N services, one deployment of each
# into `test` requested at the same moment (Docker runtime). Reports whether all reached RUNNING (the
# error of any that did not), the time until all were RUNNING, the spread of the single lead times, and
# the platform's heap, sampled every second with jstat (max used, max committed), with -Xmx512m.
#
#   bench/concurrent-deploys.sh [services]     (default 20)
#
# Goal: all RUNNING, heap under 512 MB. Builds run at most platform.deploy.max-concurrent-builds (2 by
# default) at once, so the total is dominated by N builds in N/2 rounds.
#
# Needs the built jar (mvn -q -B -Dexec.skip=true -DskipTests -pl platform-api -am package), a Docker
# engine and the local base image eclipse-temurin:17-jre.
set -euo pipefail

count=${1:-20}
env=test
source "$(dirname "$0")/lib.sh"
require_jar
require_docker

work=$(mktemp -d)
prefix="bench-many-$$"
apps=()
for i in $(seq 1 "$count"); do apps+=("$prefix-$i"); done
samplers=()
cleanup() {
  if [ "${#samplers[@]}" -gt 0 ]; then kill "${samplers[@]}" 2>/dev/null || true; wait "${samplers[@]}" 2>/dev/null || true; fi
  stop_platform
  remove_platform_docker "${apps[@]}"
  rm -rf "$work"
}
trap cleanup EXIT

repo="$work/origin.git"
sample_repo "$repo"
start_platform "$work/home" docker -Xmx512m
for app in "${apps[@]}"; do register_app "$app" "$repo"; done
echo "platform up at $base (docker runtime, -Xmx512m, pid $platform_pid); $count services registered"

# Heap every second: used = survivors + eden + old, committed = their capacities (KB, jstat -gc).
jstat -gc "$platform_pid" 1000 >"$work/jstat.log" 2>&1 &
samplers+=($!)
rss_log="$work/rss.log"
( while kill -0 "$platform_pid" 2>/dev/null; do ps -o rss= -p "$platform_pid" >>"$rss_log" || true; sleep 1; done ) &
samplers+=($!)

t0=$(now_ms)
posts=()
for app in "${apps[@]}"; do
  curl -fsS -o "$work/$app.json" -w '%{time_total}\n' -H 'Content-Type: application/json' \
    -d "{\"env\":\"$env\",\"branches\":[\"main\"]}" "$base/api/apps/$app/deployments" >"$work/$app.time" &
  posts+=($!)
done
for pid in "${posts[@]}"; do wait "$pid"; done
t_posted=$(now_ms)
ids=()
for app in "${apps[@]}"; do ids+=("$(jq -r .id "$work/$app.json")"); done
echo "$count deployments requested at once: all answered 202 after $(( t_posted - t0 )) ms; ids ${ids[*]}"
cat "$work"/*.time | sort -n | awk '{ a[NR] = $1 } END { printf "POST answer times: min %.1f s, median %.1f s, max %.1f s\n", a[1], a[int((NR + 1) / 2)], a[NR] }'

# Poll all of them with one curl per round until each is RUNNING with no step, or ended otherwise.
declare -A status_of=()
deadline=$(( $(date +%s) + 1200 ))
while [ "${#status_of[@]}" -lt "$count" ]; do
  urls=()
  for id in "${ids[@]}"; do [ -n "${status_of[$id]:-}" ] || urls+=("$base/api/deployments/$id"); done
  while read -r id status step; do
    case "$status $step" in
      "RUNNING null"|FAILED*|CANCELLED*) status_of[$id]=$status ;;
    esac
  done < <(curl -fsS "${urls[@]}" | jq -r '"\(.id) \(.status) \(.step)"')
  if [ "$(date +%s)" -ge "$deadline" ]; then echo "not all ended within 1200 s" >&2; break; fi
  sleep 0.5
done
sleep 2
kill "${samplers[@]}" 2>/dev/null || true
wait "${samplers[@]}" 2>/dev/null || true
samplers=()

running=0
times=()
for id in "${ids[@]}"; do
  if [ "${status_of[$id]:-}" = RUNNING ]; then
    running=$(( running + 1 ))
    times+=("$(( $(done_ms "$id") - t0 ))")
  else
    echo "deployment $id: ${status_of[$id]:-not ended}: $(curl -fsS "$base/api/deployments/$id" | jq -r '.error // .status')"
  fi
done
echo "RUNNING: $running of $count"
last=$(printf '%s\n' "${times[@]:-0}" | sort -n | tail -1)
awk -v a="$last" -v f="$(printf '%s\n' "${times[@]:-0}" | sort -n | head -1)" -v m="$(median "${times[@]:-0}")" \
  'BEGIN { printf "time until all RUNNING: %.1f s (first RUNNING after %.1f s, median %.1f s)\n", a / 1000, f / 1000, m / 1000 }'

# Where the time went, summed over the deployments (build includes waiting for a build slot).
for id in "${ids[@]}"; do step_times "$id"; done | awk '{ for (i = 1; i < NF; i += 2) { if (!($i in s)) o[++n] = $i; s[$i] += $(i + 1); if ($(i + 1) > x[$i]) x[$i] = $(i + 1) } }
  END { printf "step seconds (sum over deployments / longest one):"; for (j = 1; j <= n; j++) printf " %s %.0f/%.1f", o[j], s[o[j]], x[o[j]]; printf "\n" }'

awk 'NR > 1 && $1 ~ /^[0-9.]+$/ {
    used = ($3 + $4 + $6 + $8) / 1024; committed = ($1 + $2 + $5 + $7) / 1024; n++
    if (used > mu) mu = used; if (committed > mc) mc = committed
  } END { printf "heap (jstat -gc every 1 s, %d samples): max used %.0f MB, max committed %.0f MB, limit -Xmx512m\n", n, mu, mc }' \
  "$work/jstat.log"
sort -n "$rss_log" | tail -1 | awk '{ printf "platform process RSS max: %.0f MB\n", $1 / 1024 }'
if [ "$running" -ne "$count" ]; then exit 1; fi

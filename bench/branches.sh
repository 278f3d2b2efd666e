#!/usr/bin/env bash
# Listing branches: GET /api/apps/{app}/branches (fetch into the warm mirror + list) against the baseline
# `git for-each-ref` reading the same fields from the same 2,000 branches, alternating in one run.
#
#   bench/branches.sh [runs] [branches] [loose|packed]   (defaults: 30 runs, 2000 branches, loose)
#
# "loose" leaves one file per branch in the origin, as pushes leave them; "packed" runs git pack-refs
# first, as a hosting server's housekeeping does. Both sides read the same origin either way.
#
# Needs the built jar: mvn -q -B -Dexec.skip=true -DskipTests -pl platform-api -am package
set -euo pipefail

runs=${1:-30}
count=${2:-2000}
refs=${3:-loose}
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/platform-api/target/platform-api.jar"
if [ ! -f "$jar" ]; then
  echo "branches.sh: $jar is missing; build it with:" >&2
  echo "  mvn -q -B -Dexec.skip=true -DskipTests -pl platform-api -am package" >&2
  exit 1
fi

work=$(mktemp -d)
source "$(dirname "$0")/lib.sh"
pid=
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# A bare repository with one commit on main and one commit of its own on each of $count branches.
repo="$work/origin.git"
git init -q --bare "$repo"
awk -v n="$count" 'BEGIN {
  printf "blob\nmark :1\ndata 6\nhello\n"
  printf "commit refs/heads/main\nmark :2\nauthor Dev <dev@example.com> 1700000000 +0000\n"
  printf "committer Dev <dev@example.com> 1700000000 +0000\ndata 15\nInitial commit\nM 100644 :1 README.md\n\n"
  for (i = 1; i <= n; i++) {
    name = sprintf("feature/f%04d", i); msg = sprintf("Work on feature %d\n\nDetails of the change.\n", i)
    body = sprintf("change %d\n", i); t = 1700000000 + i
    printf "commit refs/heads/%s\nauthor Developer %d <dev%d@example.com> %d +0000\n", name, i % 17, i % 17, t
    printf "committer Developer %d <dev%d@example.com> %d +0000\n", i % 17, i % 17, t
    printf "data %d\n%sfrom :2\nM 100644 inline f%04d.txt\ndata %d\n%s\n", length(msg), msg, i, length(body), body
  }
}' | git -C "$repo" fast-import --quiet
if [ "$refs" = packed ]; then git -C "$repo" pack-refs --all; fi
echo "repository: $(git -C "$repo" for-each-ref refs/heads | wc -l) branches, refs $refs"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
PLATFORM_ADMIN_PASSWORD=$bench_admin_password java -Xmx512m -jar "$jar" --server.port="$port" --platform.home="$work/home" --platform.git.allow-file-urls=true >"$work/platform.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  if curl -fsS "$base/actuator/health" 2>/dev/null | grep -q '"UP"'; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "platform did not start:" >&2; tail -30 "$work/platform.log" >&2; exit 1; fi
  sleep 1
done
curl -fsS "$base/actuator/health" | grep -q '"UP"'
sign_in

curl -fsS -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench\",\"repoUrl\":\"file://$repo\"}" "$base/api/apps"
listed=$(curl -fsS "$base/api/apps/bench/branches" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
echo "platform lists $listed branches (mirror warm)"

now() { date +%s%N; }
platform_ms=()
git_ms=()
for _ in $(seq 1 "$runs"); do
  t0=$(now)
  curl -fsS -o /dev/null "$base/api/apps/bench/branches"
  t1=$(now)
  git -C "$repo" for-each-ref \
    --format='%(refname:short)%09%(objectname)%09%(subject)%09%(authorname)%09%(committerdate:iso-strict)' \
    refs/heads/ >/dev/null
  t2=$(now)
  platform_ms+=("$(( (t1 - t0) / 1000 ))")
  git_ms+=("$(( (t2 - t1) / 1000 ))")
done

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'; }
p=$(median "${platform_ms[@]}")
g=$(median "${git_ms[@]}")
echo "runs: $runs, branches: $count, refs: $refs"
echo "platform GET /api/apps/bench/branches  median ${p} ms"
echo "git for-each-ref (same fields)        median ${g} ms"
awk -v p="$p" -v g="$g" 'BEGIN { printf "ratio platform / git: %.1fx\n", p / g }'

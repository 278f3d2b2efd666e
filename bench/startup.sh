#!/usr/bin/env bash
# Start-up time and idle memory of the packaged platform, against a bare JVM measured in the same run.
#
#   bench/startup.sh [runs]          (default 5 runs)
#   JAVA_OPTS="-XX:+UseSerialGC" bench/startup.sh    JVM options for the platform (not for the baseline)
#   APP_ARGS="--server.tomcat.threads.max=20" bench/startup.sh   extra platform arguments
#   JAR=/path/to/other/platform-api.jar bench/startup.sh          another build (before/after comparisons)
#
# Per run: a fresh platform.home and a free port; start = wall time from launch until
# GET /actuator/health answers UP; CPU = user+system time the process used until then (much less
# sensitive than wall time to other work on the machine); RSS = VmRSS of the process 30 s after it is
# ready (IDLE_SECONDS). The baseline is a trivial class that prints a line and sleeps, timed and sampled
# the same way. The load average is printed before and after: compare runs made under similar load.
# The first start of a new build unpacks the jar next to it (see UnpackedLaunch); the script says when
# run 1 did that.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
jar=${JAR:-$root/platform-api/target/platform-api.jar}
runs=${1:-5}
idle=${IDLE_SECONDS:-30}
timeout=${START_TIMEOUT:-120}

if [ ! -f "$jar" ]; then
  echo "startup.sh: $jar is missing; build it first with:" >&2
  echo "  mvn -q -B -DskipTests package" >&2
  exit 1
fi
for tool in java javac curl; do
  command -v "$tool" >/dev/null || { echo "startup.sh: $tool is needed" >&2; exit 1; }
done

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.0f", ($12 + $13) * 1000 / hz }' "/proc/$1/stat"; }
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 20000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The run functions leave "<ms to ready> <RSS MB>" here (no subshell, so the cleanup trap sees every pid).
result=""

# Baseline: the smallest Java program that stays alive.
mkdir -p "$work/idle"
cat > "$work/idle/Idle.java" <<'JAVA'
public class Idle {
	public static void main(String[] args) throws Exception {
		System.out.println("ready");
		Thread.sleep(Long.MAX_VALUE);
	}
}
JAVA
javac -d "$work/idle" "$work/idle/Idle.java"

stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

bare_run() {
  local out="$work/bare.out" start ready pid cpu
  : > "$out"
  start=$(now_ms)
  java -cp "$work/idle" Idle > "$out" 2>&1 &
  pid=$!
  pids+=("$pid")
  until grep -q ready "$out"; do sleep 0.01; done
  ready=$(now_ms)
  cpu=$(cpu_ms "$pid")
  sleep "$idle"
  result="$(( ready - start )) $cpu $(rss_mb "$pid")"
  stop "$pid"
}

platform_run() {
  local home port start ready pid deadline cpu
  home=$(mktemp -d "$work/home.XXXX")
  port=$(free_port)
  start=$(now_ms)
  # shellcheck disable=SC2086 # JAVA_OPTS and APP_ARGS are word lists on purpose
  java ${JAVA_OPTS:-} -jar "$jar" --server.port="$port" --platform.home="$home" ${APP_ARGS:-} \
    > "$home/out.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  deadline=$(( start + timeout * 1000 ))
  until curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$(now_ms)" -gt "$deadline" ]; then
      echo "startup.sh: the platform did not become ready; its log:" >&2
      tail -n 40 "$home/out.log" >&2
      exit 1
    fi
    sleep 0.05
  done
  ready=$(now_ms)
  cpu=$(cpu_ms "$pid")
  sleep "$idle"
  result="$(( ready - start )) $cpu $(rss_mb "$pid")"
  stop "$pid"
}

echo "java: $(java -version 2>&1 | head -n 1); cores: $(nproc); JAVA_OPTS: ${JAVA_OPTS:-none}; APP_ARGS: ${APP_ARGS:-none}"
unpacked() { find "$(dirname "$jar")" -maxdepth 1 -name ".$(basename "$jar")-unpacked-*" | sort; }
unpacked_before=$(unpacked)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
row() { printf '%-6s %9s %9s %8s %9s %9s %8s\n' "$@"; }
row run "start ms" "CPU ms" "RSS MB" "bare ms" "bare CPU" "bare MB"
: > "$work/platform.txt"
: > "$work/bare.txt"
for i in $(seq 1 "$runs"); do
  platform_run
  echo "$result" >> "$work/platform.txt"
  read -r p_ms p_cpu p_mb <<< "$result"
  bare_run
  echo "$result" >> "$work/bare.txt"
  read -r b_ms b_cpu b_mb <<< "$result"
  row "$i" "$p_ms" "$p_cpu" "$p_mb" "$b_ms" "$b_cpu" "$b_mb"
done
if [ -n "$(comm -13 <(echo "$unpacked_before") <(unpacked))" ]; then
  echo "(run 1 was the first start of this build: it unpacked the jar)"
fi

col() { cut -d' ' -f"$2" "$work/$1.txt" | median; }
p_ms=$(col platform 1); p_cpu=$(col platform 2); p_mb=$(col platform 3)
b_ms=$(col bare 1); b_cpu=$(col bare 2); b_mb=$(col bare 3)
row median "$p_ms" "$p_cpu" "$p_mb" "$b_ms" "$b_cpu" "$b_mb"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v pm="$p_ms" -v pc="$p_cpu" -v pr="$p_mb" -v bm="$b_ms" -v bc="$b_cpu" -v br="$b_mb" 'BEGIN {
  printf "platform: start %.1f s (goal <= 10 s), CPU to ready %.1f s, idle RSS %d MB (goal <= 300 MB)\n", pm / 1000, pc / 1000, pr
  printf "ratio to a bare JVM: start x%.1f, CPU x%.1f, RSS x%.1f\n", pm / bm, pc / (bc > 0 ? bc : 1), pr / br
}'

#!/usr/bin/env bash
# Deploy lead time: POST /api/apps/{app}/deployments -> RUNNING with no step left (Docker runtime), against
# the same steps done by hand in the same run: git clone, the same mvn package in a throw-away container
# of the build image (the platform builds so on Docker: the work tree and the Maven repository mounted,
# 2 CPUs, 2 GB), docker build of the jar on the same base image, docker run -p, wait for the health URL
# to answer 2xx. Platform and by-hand runs alternate; the first pair is a warm-up and is not counted.
#
#   bench/deploy-lead-time.sh [pairs]     (default 7: one warm-up pair, then 6 counted)
#   PLATFORM_ARGS=--platform.deploy.maven-jvm-options= bench/deploy-lead-time.sh 7
#                                         (the platform's builds with Maven's JVM as it comes, as by hand)
#   HAND_BUILD=host bench/deploy-lead-time.sh 7
#                                         (by hand, mvn runs on the host, as builds did before containers)
#
# The platform's time runs from the POST to the end of the deployment's last step (read back from the
# API; same clock), polled every half second so that polling costs the platform little CPU. Each run
# also shows the CPU time spent: the platform process with its builds, against the by-hand commands
# (the Docker engine's own work is in neither).
#
# Each platform run deploys a service registered for it (a fresh mirror, as the by-hand run clones
# afresh), so no run has a previous instance to stop. Goal: median ratio platform / by hand <= 1.10.
#
# Needs the built jar (mvn -q -B -Dexec.skip=true -DskipTests -pl platform-api -am package), a Docker
# engine, the local base image eclipse-temurin:17-jre and the build image platform-build:jdk17-maven
# (scripts/build-image.sh).
set -euo pipefail

pairs=${1:-7}
env=test
hand_build=${HAND_BUILD:-container}
build_image=platform-build:jdk17-maven
m2="$HOME/.m2/repository"
source "$(dirname "$0")/lib.sh"
require_jar
require_docker
if [ "$hand_build" = container ] && ! docker image inspect "$build_image" >/dev/null 2>&1; then
  echo "$(basename "$0"): the build image $build_image is missing (scripts/build-image.sh builds it)" >&2
  exit 1
fi

work=$(mktemp -d)
tag="bench-lead-$$"      # prefix of everything this run names
apps=()
cleanup() {
  stop_platform
  remove_platform_docker "${apps[@]}"
  docker ps -aq --filter "name=^$tag-hand-" | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker images -q --filter "reference=$tag-hand" | sort -u | xargs -r docker rmi -f >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

repo="$work/origin.git"
sample_repo "$repo"
start_platform "$work/home" docker -Xmx512m
echo "platform up at $base (docker runtime); sample repository ready; $pairs pairs, first is warm-up; by-hand builds on the $hand_build"

# The by-hand build: in a throw-away container as the platform runs it (same image, mounts, limits,
# user), or on the host.
hand_mvn() {
  local src=$1
  if [ "$hand_build" = host ]; then
    (cd "$src" && mvn -B -q -o package -Dmaven.test.skip=true -Dsample.env=$env)
  else
    docker run --rm --cpus 2 --memory 2g --memory-swap 2g --cap-drop ALL --security-opt no-new-privileges \
      -u "$(id -u):$(id -g)" -e HOME=/tmp -e MAVEN_OPTS=-Dmaven.repo.local=/m2 \
      -v "$src:/workspace" -v "$m2:/m2" -w /workspace "$build_image" \
      mvn -B -q -o package -Dmaven.test.skip=true -Dsample.env=$env
  fi
}

# The by-hand run: the steps the platform automates, each with the same inputs. Sets hand_steps to the
# duration of each, named as the platform names its steps.
by_hand() {
  local n=$1 dir="$work/hand-$1" image="$tag-hand:$1" name="$tag-hand-$1" port t0 t1 t2 t3 t4
  t0=$(now_ms)
  git clone -q "file://$repo" "$dir/src"
  t1=$(now_ms)
  hand_mvn "$dir/src" >"$dir/build.log" 2>&1 || { cat "$dir/build.log" >&2; return 1; }
  t2=$(now_ms)
  mkdir -p "$dir/image"
  cp "$dir"/src/target/sample-1.0.jar "$dir/image/app.jar"
  printf 'FROM eclipse-temurin:17-jre\nCOPY app.jar /app/app.jar\n' >"$dir/image/Dockerfile"
  docker build -q -t "$image" "$dir/image" >/dev/null 2>"$dir/docker-build.log" \
    || { cat "$dir/docker-build.log" >&2; return 1; }
  t3=$(now_ms)
  docker run -d --name "$name" -p 127.0.0.1::8080 -e SERVER_PORT=8080 "$image" java -jar /app/app.jar >/dev/null
  port=$(docker port "$name" 8080/tcp | head -1 | sed 's/.*://')
  t4=$(now_ms)
  await_http "http://127.0.0.1:$port/actuator/health" 120
  hand_steps=$(awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v e="$t4" -v f="$(now_ms)" \
    'BEGIN { printf "clone %.1f build %.1f image %.1f start %.1f health %.1f", (b-a)/1000, (c-b)/1000, (d-c)/1000, (e-d)/1000, (f-e)/1000 }')
}

tck=$(getconf CLK_TCK)
platform_ms=()
hand_ms=()
# One timed run of each side; they set p/pc/steps and h/hc (wall ms, CPU ticks).
platform_run() {
  c0=$(cpu_ticks "$platform_pid")
  t0=$(now_ms)
  id=$(deploy "$app" "$env")
  status=$(await_deployment "$id" 600)
  c1=$(cpu_ticks "$platform_pid")
  if [ "$status" != RUNNING ]; then
    echo "run $i: platform deployment $id ended $status:" >&2
    curl -fsS "$base/api/deployments/$id" | jq -r .error >&2
    exit 1
  fi
  p=$(( $(done_ms "$id") - t0 ))
  pc=$(( c1 - c0 ))
  steps=$(step_times "$id")
}

hand_run() {
  c0=$(cpu_ticks $$)
  t0=$(now_ms)
  by_hand "$i"
  t1=$(now_ms)
  h=$(( t1 - t0 ))
  hc=$(( $(cpu_ticks $$) - c0 ))
}

for i in $(seq 1 "$pairs"); do
  app="$tag-$i"
  apps+=("$app")
  register_app "$app" "$repo"
  # Odd pairs run the platform first, even pairs by hand first, so neither side always gets the
  # caches (and the load) the other leaves behind.
  if [ $(( i % 2 )) -eq 1 ]; then platform_run; hand_run; else hand_run; platform_run; fi

  label="pair $i"; if [ "$i" -eq 1 ]; then label="pair 1 (warm-up)"; else platform_ms+=("$p"); hand_ms+=("$h"); fi
  awk -v l="$label" -v p="$p" -v h="$h" -v pc="$pc" -v hc="$hc" -v t="$tck" \
    'BEGIN { printf "%-17s platform %5.1f s  by hand %5.1f s  ratio %.2f   (CPU: platform %.1f s, by hand %.1f s)\n", l, p / 1000, h / 1000, p / h, pc / t, hc / t }'
  echo "    platform steps: $steps"
  echo "    by-hand steps:  $hand_steps"
done

if [ "${#platform_ms[@]}" -eq 0 ]; then echo "no counted pairs (ask for 2 or more)"; exit 0; fi
ratios=()
for k in "${!platform_ms[@]}"; do ratios+=("$(( platform_ms[k] * 1000 / hand_ms[k] ))"); done
pm=$(median "${platform_ms[@]}")
hm=$(median "${hand_ms[@]}")
rm_=$(median "${ratios[@]}")
awk -v p="$pm" -v h="$hm" -v r="$rm_" -v n="${#platform_ms[@]}" 'BEGIN {
  printf "counted pairs: %d\nplatform median %.1f s, by hand median %.1f s\n", n, p / 1000, h / 1000
  printf "median of the pair ratios: %.2f (ratio of the medians %.2f); goal <= 1.10: %s\n", r / 1000, p / h, (r / 1000 <= 1.10) ? "met" : "MISSED"
}'

# Shared pieces of the deploy benchmarks; sourced, not run. The caller sets `set -euo pipefail`, defines
# $work (a temp dir it removes on exit) and calls stop_platform from its own exit trap.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$bench_root/platform-api/target/platform-api.jar"
platform_pid=
base=
# The admin's password for the platforms these benchmarks start, and the token their API calls carry.
bench_admin_password=bench-admin-password
api_token=

# Every curl of a benchmark carries the token once there is one (the API needs an identity; a service's
# own URL ignores the header).
curl() {
  if [ -n "$api_token" ]; then command curl -H "Authorization: Bearer $api_token" "$@"; else command curl "$@"; fi
}

# Signs in as the admin at $base and keeps a personal access token for the following calls.
sign_in() {
  local jar_cookies
  jar_cookies=$(mktemp "$work/cookies.XXXX")
  command curl -fsS -o /dev/null -c "$jar_cookies" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$bench_admin_password\"}" "$base/api/session"
  api_token=$(command curl -fsS -b "$jar_cookies" -H 'Content-Type: application/json' \
    -H "X-XSRF-TOKEN: $(awk '$6 == "XSRF-TOKEN" { print $7 }' "$jar_cookies")" \
    -d '{"name":"bench"}' "$base/api/tokens" | jq -r .token)
  rm -f "$jar_cookies"
}

require_jar() {
  if [ ! -f "$jar" ]; then
    echo "$(basename "$0"): $jar is missing; build it with:" >&2
    echo "  mvn -q -B -Dexec.skip=true -DskipTests -pl platform-api -am package" >&2
    exit 1
  fi
}

require_docker() {
  if ! docker info >/dev/null 2>&1; then echo "$(basename "$0"): no Docker engine answers" >&2; exit 1; fi
  if ! docker image inspect eclipse-temurin:17-jre >/dev/null 2>&1; then
    echo "$(basename "$0"): the base image eclipse-temurin:17-jre is missing (scripts/base-image.sh builds it)" >&2
    exit 1
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# The sample service (the same as the platform's deployment tests use): a Maven project with no
# dependencies whose jar serves HTTP with the JDK's server, health at /actuator/health, the environment
# it was built for baked in. Makes a bare repository $1 with it on main.
sample_repo() {
  local origin=$1 src
  src=$(mktemp -d "$work/sample-src.XXXX")
  mkdir -p "$src/src/main/java/sample" "$src/src/main/resources"
  cat >"$src/pom.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>sample</groupId>
  <artifactId>sample</artifactId>
  <version>1.0</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <sample.env>unknown</sample.env>
  </properties>
  <build>
    <resources>
      <resource><directory>src/main/resources</directory><filtering>true</filtering></resource>
    </resources>
    <plugins>
      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.1</version></plugin>
      <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.6</version></plugin>
      <plugin>
        <artifactId>maven-jar-plugin</artifactId><version>3.4.2</version>
        <configuration><archive><manifest><mainClass>sample.App</mainClass></manifest></archive></configuration>
      </plugin>
    </plugins>
  </build>
</project>
EOF
  printf 'env=${sample.env}\n' >"$src/src/main/resources/sample.properties"
  cat >"$src/src/main/java/sample/App.java" <<'EOF'
package sample;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

public class App {
	public static void main(String[] args) throws Exception {
		System.out.println("sample starting");
		Properties built = new Properties();
		try (InputStream in = App.class.getResourceAsStream("/sample.properties")) {
			built.load(in);
		}
		int port = Integer.parseInt(System.getenv().getOrDefault("SERVER_PORT", "8080"));
		HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
		server.createContext("/actuator/health", ex -> reply(ex, "{\"status\":\"UP\"}"));
		server.createContext("/", ex -> reply(ex, "hello; built for " + built.getProperty("env")
				+ "; running in " + System.getenv("PLATFORM_ENV")));
		server.start();
		System.out.println("sample listening on " + port);
	}

	static void reply(com.sun.net.httpserver.HttpExchange ex, String body) throws java.io.IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		ex.sendResponseHeaders(200, bytes.length);
		ex.getResponseBody().write(bytes);
		ex.close();
	}
}
EOF
  git -C "$src" init -q -b main
  git -C "$src" add .
  git -C "$src" -c user.name=Dev -c user.email=dev@example.com commit -q -m "Sample service"
  git clone -q --bare "$src" "$origin"
  rm -rf "$src"
}

# The sample's build command, as the platform's deployment tests register it.
sample_build_command='mvn -B -q -o package -Dmaven.test.skip=true -Dsample.env={env}'

# Starts the platform jar on a free port: $1 home, $2 runtime, further arguments are JVM options.
# PLATFORM_ARGS (words) are added to the platform's own arguments, e.g.
# PLATFORM_ARGS=--platform.deploy.maven-jvm-options= to build with Maven's JVM as it comes.
start_platform() {
  local home=$1 runtime=$2 port
  shift 2
  port=$(free_port)
  base="http://127.0.0.1:$port"
  # shellcheck disable=SC2086
  PLATFORM_ADMIN_PASSWORD=$bench_admin_password java "$@" -jar "$jar" --server.port="$port" --platform.home="$home" --platform.runtime="$runtime" \
    --platform.git.allow-file-urls=true \
    ${PLATFORM_ARGS:-} >"$work/platform.log" 2>&1 &
  platform_pid=$!
  local deadline=$(( $(date +%s) + 180 ))
  until curl -fsS "$base/actuator/health" 2>/dev/null | grep -q '"UP"'; do
    if ! kill -0 "$platform_pid" 2>/dev/null; then
      echo "platform did not start:" >&2; tail -30 "$work/platform.log" >&2; exit 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "platform not UP within 180 s" >&2; exit 1; fi
    sleep 0.5
  done
  sign_in
}

stop_platform() {
  if [ -n "$platform_pid" ]; then
    kill "$platform_pid" 2>/dev/null || true
    # Graceful shutdown lets running deployments end; bounded, then forced.
    for _ in $(seq 1 60); do kill -0 "$platform_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$platform_pid" 2>/dev/null || true
    wait "$platform_pid" 2>/dev/null || true
    platform_pid=
  fi
}

# Removes what the platform's Docker runtime made for the apps named in the arguments: containers, then
# images (labelled io.platform.managed=true and io.platform.app=<app>). Call it after stop_platform.
remove_platform_docker() {
  local app ids
  for app in "$@"; do
    ids=$(docker ps -aq --filter label=io.platform.managed=true --filter "label=io.platform.app=$app")
    if [ -n "$ids" ]; then docker rm -f $ids >/dev/null 2>&1 || true; fi
    ids=$(docker images -q --filter label=io.platform.managed=true --filter "label=io.platform.app=$app" | sort -u)
    if [ -n "$ids" ]; then docker rmi -f $ids >/dev/null 2>&1 || true; fi
  done
}

register_app() {
  local name=$1 repo=$2
  curl -fsS -o /dev/null -H 'Content-Type: application/json' \
    -d "$(jq -n --arg name "$name" --arg repo "file://$repo" --arg build "$sample_build_command" \
      '{name: $name, repoUrl: $repo, buildCommand: $build, healthPath: "/actuator/health"}')" \
    "$base/api/apps"
}

# POSTs a deployment of main of app $1 into env $2 and prints its id.
deploy() {
  curl -fsS -H 'Content-Type: application/json' -d "{\"env\":\"$2\",\"branches\":[\"main\"]}" \
    "$base/api/apps/$1/deployments" | jq -r .id
}

rollback() {
  curl -fsS -X POST "$base/api/deployments/$1/rollback" | jq -r .id
}

# Polls deployment $1 every half second until it is RUNNING with no step, or FAILED/CANCELLED, for at
# most $2 seconds; prints the final status. Polls are sparse on purpose: each GET costs the platform CPU
# that the build it measures would otherwise have; done_ms gives the exact end.
await_deployment() {
  local id=$1 deadline=$(( $(date +%s) + $2 )) state
  while :; do
    state=$(curl -fsS "$base/api/deployments/$id" | jq -r '"\(.status) \(.step)"')
    case "$state" in
      "RUNNING null"|FAILED*|CANCELLED*) echo "${state%% *}"; return 0 ;;
    esac
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "TIMEOUT($state)"; return 0; fi
    sleep 0.5
  done
}

# When deployment $1 ended, in epoch ms (same clock as now_ms): the end of its last step, which the
# engine saves just before it clears the step.
done_ms() {
  curl -fsS "$base/api/deployments/$1" | python3 -c '
import json, re, sys
from datetime import datetime, timezone
def t(s):
    m = re.match(r"(.*T\d\d:\d\d:\d\d)(\.\d+)?Z$", s)
    return datetime.fromisoformat(m.group(1)).replace(tzinfo=timezone.utc).timestamp() + float(m.group(2) or 0)
d = json.load(sys.stdin)
print(int(max(t(s["finishedAt"]) for s in d["steps"] if s.get("finishedAt")) * 1000))'
}

# CPU time used so far by process $1 and its waited-for children, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat"; }

# Per-step durations of deployment $1 in seconds, e.g. "checkout 0.4 merge 0.0 build 6.1 ...", led by
# "queued" (createdAt to the first step's start).
step_times() {
  curl -fsS "$base/api/deployments/$1" | python3 -c '
import json, re, sys
from datetime import datetime, timezone
def t(s):
    m = re.match(r"(.*T\d\d:\d\d:\d\d)(\.\d+)?Z$", s)
    return datetime.fromisoformat(m.group(1)).replace(tzinfo=timezone.utc).timestamp() + float(m.group(2) or 0)
d = json.load(sys.stdin)
steps = [s for s in d["steps"] if s.get("startedAt") and s.get("finishedAt")]
out = ["queued %.1f" % (t(steps[0]["startedAt"]) - t(d["createdAt"]))] if steps else []
out += ["%s %.1f" % (s["name"], t(s["finishedAt"]) - t(s["startedAt"])) for s in steps]
print(" ".join(out))'
}

# Waits up to $2 seconds for GET $1 to answer 2xx, polling every 100 ms; fails if it never does.
await_http() {
  local url=$1 deadline=$(( $(date +%s) + $2 ))
  until curl -fs -o /dev/null --max-time 2 "$url"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "no 2xx from $url within $2 s" >&2; return 1; fi
    sleep 0.1
  done
}

# Median of the arguments (integers), printed with one decimal.
median() {
  printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m }'
}

#!/usr/bin/env bash
# Log store benchmarks: ingest rate into the embedded Lucene store against two baselines measured in the
# same run (the same lines written as text to a plain file; a bare Lucene index of the message only),
# trace-id lookup latency at N lines (Lucene and a real Elasticsearch 8.19 node), and the time from
# append to searchable.
#
#   bench/logs.sh [lucene-lines] [elasticsearch-lines] [lookups]   (defaults: 1000000 1000000 1000)
#
# Elasticsearch lines = 0 skips Elasticsearch. Builds log-query (no tests) and the test node first.
set -euo pipefail

lucene_lines=${1:-1000000}
es_lines=${2:-1000000}
lookups=${3:-1000}
root=$(cd "$(dirname "$0")/.." && pwd)
module="$root/log-query"

(cd "$root" && mvn -q -B -pl log-query -DskipTests verify \
  && mvn -q -B -pl log-query dependency:build-classpath -Dmdep.includeScope=test \
       -Dmdep.outputFile="$module/target/bench.classpath")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx2g -XX:+UseParallelGC -Delasticsearch.node.dir="$module/target/elasticsearch-node" \
  -cp "$module/target/classes:$module/target/test-classes:$(cat "$module/target/bench.classpath")" \
  io.platform.logs.log.LogsBenchmark "$work" "$lucene_lines" "$es_lines" "$lookups"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

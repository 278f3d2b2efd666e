#!/usr/bin/env bash
# Authentication cost on the API: the same mix of calls (four reads and a write) in one run, without the
# platform's security filters (the identity handed in by a trusted front), with a personal access token,
# and with a browser session and its CSRF header; rounds alternate the three. Prints the median latency
# per call of each and the median added latency per call. Goal: under 1 ms.
#
#   bench/auth-cost.sh [rounds]     (default 300, after 50 warm-up rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-300}
mvn -B -ntp -q -Dexec.skip=true test -pl platform-api -am -Dtest=AuthenticationCostBench \
  -Dsurefire.failIfNoSpecifiedTests=false -Dbench.rounds="$rounds" -Dsurefire.printSummary=false \
  | sed -n '/^Authentication cost/,/^median added/p'

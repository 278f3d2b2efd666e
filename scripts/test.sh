#!/usr/bin/env bash
# The whole test suite: prepares the real parts the integration tests use (as root on Debian), then
# builds and tests every module, the web UI included.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/test-setup.sh
exec mvn -B -ntp verify "$@"

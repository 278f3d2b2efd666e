#!/usr/bin/env bash
# What the browser tests need from Debian besides Node and Java: Chromium, and CJK fonts so that the 中文
# pages (and their screenshots) show characters instead of boxes. Run as root on Debian; safe to run again:
# what is there already is left as it is. The pom runs it before the tests.
set -euo pipefail

if [ "$(id -u)" != 0 ]; then
  echo "platform-e2e setup: not root; skipping installs (the tests skip without Chromium)" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "platform-e2e setup: no apt-get; install Chromium and a CJK font (Noto CJK) yourself" >&2
  exit 0
fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
installed fonts-noto-cjk || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "platform-e2e setup: installing ${missing[*]}"
apt-get update -qq
if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
  # without the fonts the tests still pass, only the 中文 screenshots show boxes; without Chromium they skip
  echo "platform-e2e setup: could not install ${missing[*]}; carrying on" >&2
fi

#!/usr/bin/env bash
# Installs and starts, on a Debian machine where it runs as root, the real parts the integration tests
# talk to: a MariaDB server and a Docker engine with a JRE base image and a JDK + Maven build image. Safe to
# run again: what is already there is left as it is.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [ "$(id -u)" != 0 ]; then
  echo "test-setup: not root; skipping installs (integration tests skip what they cannot find)" >&2
  exit 0
fi

missing=()
command -v mariadbd >/dev/null 2>&1 || missing+=(mariadb-server)
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# CJK fonts: without them zh-CN screenshots in Chromium show boxes.
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test-setup: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# MariaDB: a database and a user for the persistence tests.
if ! mariadb-admin ping >/dev/null 2>&1; then
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
  (setsid mariadbd-safe >/dev/null 2>&1 &)
  for _ in $(seq 1 60); do mariadb-admin ping >/dev/null 2>&1 && break; sleep 1; done
  mariadb-admin ping >/dev/null
fi
mariadb -e "CREATE DATABASE IF NOT EXISTS platform_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  CREATE USER IF NOT EXISTS 'platform'@'localhost' IDENTIFIED BY 'platform';
  CREATE USER IF NOT EXISTS 'platform'@'127.0.0.1' IDENTIFIED BY 'platform';
  GRANT ALL ON *.* TO 'platform'@'localhost' WITH GRANT OPTION;
  GRANT ALL ON *.* TO 'platform'@'127.0.0.1' WITH GRANT OPTION;"
echo "test-setup: MariaDB ready (jdbc:mariadb://127.0.0.1:3306/platform_test, user platform)"

# Docker engine.
if ! docker info >/dev/null 2>&1; then
  (setsid dockerd >/var/log/platform-dockerd.log 2>&1 &)
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null
fi
echo "test-setup: Docker engine ready"

"$here/base-image.sh"
"$here/build-image.sh"

#!/usr/bin/env bash
# Makes sure the Docker engine has a JRE base image for deployments. Where none can be pulled, builds one
# from Debian packages (debootstrap + openjdk-17-jre-headless) and imports it under the default name.
set -euo pipefail
image=${PLATFORM_BASE_IMAGE:-eclipse-temurin:17-jre}

if docker image inspect "$image" >/dev/null 2>&1; then
  echo "base-image: $image present"; exit 0
fi
if docker pull "$image" >/dev/null 2>&1; then
  echo "base-image: pulled $image"; exit 0
fi

mirror=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
[ -n "$mirror" ] || mirror=$(grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | head -n1 || true)
[ -n "$mirror" ] || { echo "base-image: no Debian mirror found in apt's sources" >&2; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
echo "base-image: building $image from Debian packages ($mirror)"
debootstrap --variant=minbase --include=openjdk-17-jre-headless,curl bookworm "$root" "$mirror" >/dev/null
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | docker import \
  -c 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
  -c 'ENV PATH=/usr/lib/jvm/java-17-openjdk-amd64/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  - "$image" >/dev/null
echo "base-image: $image built locally"

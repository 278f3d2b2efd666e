#!/usr/bin/env bash
# Makes sure the Docker engine has the default build image (platform.docker.build-image): a JDK and Maven,
# in which each deployment's build runs in a container of its own. Where none can be pulled, builds one
# from Debian packages (debootstrap + openjdk-17-jdk-headless, maven, git) and imports it under that name.
set -euo pipefail
image=${PLATFORM_BUILD_IMAGE:-platform-build:jdk17-maven}

if docker image inspect "$image" >/dev/null 2>&1; then
  echo "build-image: $image present"; exit 0
fi
if docker pull "$image" >/dev/null 2>&1; then
  echo "build-image: pulled $image"; exit 0
fi

mirror=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
[ -n "$mirror" ] || mirror=$(grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | head -n1 || true)
[ -n "$mirror" ] || { echo "build-image: no Debian mirror found in apt's sources" >&2; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
echo "build-image: building $image from Debian packages ($mirror)"
debootstrap --variant=minbase --include=openjdk-17-jdk-headless,maven,git,ca-certificates bookworm "$root" "$mirror" >/dev/null
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
# Builds run as the platform's uid, which has no home in the image: /tmp is writable by anyone.
tar -C "$root" -c . | docker import \
  -c 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
  -c 'ENV MAVEN_HOME=/usr/share/maven' \
  -c 'ENV HOME=/tmp' \
  -c 'ENV LANG=C.UTF-8' \
  -c 'ENV PATH=/usr/lib/jvm/java-17-openjdk-amd64/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  -c 'WORKDIR /workspace' \
  - "$image" >/dev/null
echo "build-image: $image built locally"

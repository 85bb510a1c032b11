#!/usr/bin/env bash
# Builds srt, compiles the stock default policy and explains what it allows.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
. scripts/need.sh
need_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}"
mvn -B -q -ntp -DskipTests package
bin/srtc compile policies/default.srt -o compiled.bin
bin/srtc explain compiled.bin

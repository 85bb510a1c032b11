#!/usr/bin/env bash
# Runs every test: the Maven suites (compiler, back-ends, runner, sandboxes as root and as an
# unprivileged user) and the expect lines of every policy in policies/.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
. scripts/need.sh
need_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
mvn -B -ntp verify
mapfile -t policies < <(find policies -name '*.srt' | sort)
bin/srtc fmt --check "${policies[@]}"
bin/srtc lint policies
bin/srtc test policies

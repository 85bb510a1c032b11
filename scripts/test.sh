#!/usr/bin/env bash
# Runs every test: the Maven suites (compiler, back-ends, runner, sandboxes as root and as an
# unprivileged user) and the expect lines of every policy in policies/.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
. scripts/need.sh
need_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
mvn -B -ntp verify
find policies -name '*.srt' -print0 | sort -z | xargs -0 bin/srtc test

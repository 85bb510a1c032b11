#!/usr/bin/env bash
# Runs every test: the Maven suites (compiler, back-ends, runner, sandboxes as root and as an
# unprivileged user) and the expect lines of every policy in policies/.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
. scripts/need.sh
need_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
mvn -B -ntp verify
# bin/srt makes its class-data archives on first use and must then use them, however it is
# started (a relative path once made the archive unusable without a word): -Xshare:on fails if not.
printf 'srt 1\ninclude std:default\n' > runner/target/cds-check.srt
SRT_CDS_REQUIRE=1 bin/srt run -- true
(cd scripts && SRT_CDS_REQUIRE=1 ../bin/srt run --policy ../runner/target/cds-check.srt -- true)
(cd "$(mktemp -d)" && SRT_CDS_REQUIRE=1 "$OLDPWD/bin/srt" run -- true)
echo "bin/srt: class-data archives used"
mapfile -t policies < <(find policies -name '*.srt' | sort)
bin/srtc fmt --check "${policies[@]}"
bin/srtc lint policies
bin/srtc test policies

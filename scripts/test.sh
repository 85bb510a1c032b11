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
# In a C locale (no LANG, as in many containers) the launchers give the JVM UTF-8: arguments, the
# environment and file names keep their characters, and the command sees the caller's LC_ALL.
loc=$(mktemp -d)
touch "$loc/café"
printf 'srt 1\ninclude std:default\n' > "$loc/pé.srt"
got=$(cd "$loc" && unset LANG LC_CTYPE LC_ALL && export X=ñ \
  && "$OLDPWD/bin/srtc" compile pé.srt -o pé.bin >/dev/null \
  && "$OLDPWD/bin/srt" run --policy pé.bin -- sh -c 'printf "%s|%s|%s|%s%s" "$1" "$X" "$(ls | tr "\n" " ")" "${LC_ALL-unset}" "${SRT_LC_ALL+ leaked}"' sh 'é ü' \
  && LC_ALL=POSIX "$OLDPWD/bin/srt" run --policy pé.srt -- sh -c 'printf "|%s" "$LC_ALL"') || true
want='é ü|ñ|café pé.bin pé.srt |unset|POSIX'
if [ "$got" != "$want" ]; then echo "bin/srt in a C locale: got '$got', want '$want'" >&2; exit 1; fi
rm -rf "$loc"
echo "bin/srt, bin/srtc: UTF-8 in a C locale"
mapfile -t policies < <(find policies -name '*.srt' | sort)
bin/srtc fmt --check "${policies[@]}"
bin/srtc lint policies
bin/srtc test policies

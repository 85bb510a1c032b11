#!/usr/bin/env bash
# Policy-as-code tools: wall time of one whole `srtc` process per command over ALL of policies/
# (JVM start included), median of RUNS runs (default 5): wall time, and CPU time (user + sys,
# less sensitive to other load on a shared machine). Target: under 1 s of wall time per command.
# Commands that take one policy (query, diff, explain) loop inside one process where they
# can (diff: each stock policy against the next; query/explain: the largest policy).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
[ -f compiler/target/srtc.jar ] || mvn -B -q -ntp -DskipTests package
runs=${RUNS:-5}
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
mapfile -t all < <(find policies -name '*.srt' | sort)
# Copies for fmt (it rewrites in place when the layout differs).
mkdir -p "$out/p"; cp "${all[@]}" "$out/p/"
mapfile -t copies < <(find "$out/p" -name '*.srt' | sort)

median_ms() { # "WALL CPU": median wall and median CPU (user+sys) time in ms of running "$@" $runs times
  local ts=() cs=() t
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$out/time" -f '%e %U %S' "$@" >/dev/null 2>&1 || true
    t=$(tail -1 "$out/time")
    ts+=($(awk '{printf "%d", $1 * 1000}' <<<"$t")); cs+=($(awk '{printf "%d", ($2 + $3) * 1000}' <<<"$t"))
  done
  printf '%s %s\n' "$(printf '%s\n' "${ts[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" \
    "$(printf '%s\n' "${cs[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
}

row() { printf '%-56s %10s %10s\n' "$1" $2; }
printf '%-56s %10s %10s\n' "command (${#all[@]} policies in policies/)" "wall ms" "cpu ms"
row "srtc --version (JVM start, for reference)" "$(median_ms bin/srtc --version)"
row "srtc fmt --check (all)" "$(median_ms bin/srtc fmt --check "${all[@]}")"
row "srtc fmt (all, rewriting copies)" "$(median_ms bin/srtc fmt "${copies[@]}")"
row "srtc check (all)" "$(median_ms bin/srtc check "${all[@]}")"
row "srtc lint (all)" "$(median_ms bin/srtc lint "${all[@]}")"
row "srtc test (all; ir, seatbelt, bwrap, seccomp)  " "$(median_ms bin/srtc test policies)"
row "srtc diff default.srt hardening.srt" "$(median_ms bin/srtc diff policies/default.srt policies/hardening.srt)"
row "srtc diff examples/web-build.srt default.srt" "$(median_ms bin/srtc diff policies/examples/web-build.srt policies/default.srt)"
row "srtc query hardening.srt syscall socket(AF_UNIX,1,0)" "$(median_ms bin/srtc query policies/hardening.srt syscall 'socket(AF_UNIX, 1, 0)')"
row "srtc query web-build.srt read ~/.ssh/id_rsa" "$(median_ms bin/srtc query policies/examples/web-build.srt read '~/.ssh/id_rsa')"
row "srtc explain hardening.srt" "$(median_ms bin/srtc explain policies/hardening.srt)"
row "srtc compile --report hardening.srt" "$(median_ms bin/srtc compile --report policies/hardening.srt -o "$out/h.bin")"
row "srtc --format json test (all)" "$(median_ms bin/srtc test --format json policies)"

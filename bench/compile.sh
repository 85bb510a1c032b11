#!/usr/bin/env bash
# Compile-time benchmark: whole-process `srtc compile` of a typical policy and of generated
# policies of growing size, with the output size per rule (it should stay flat: linear growth).
# Generated policies hold 200 syscall rules (a seccomp program must fit the kernel's 4096
# instructions); the rest are filesystem and network rules.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
[ -f compiler/target/srtc.jar ] || mvn -B -q -ntp -DskipTests package
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
runs=${RUNS:-5}

gen() { # gen N FILE: N rules: 200 syscall rules, the rest half filesystem, half network
  python3 - "$1" > "$2" <<'PY'
import sys
n = int(sys.argv[1]); s = 200; k = (n - s) // 2
print("srt 1\n\nfilesystem {")
for i in range(k):
    print(f'  {"read" if i % 2 else "write"} {"deny" if i % 3 else "allow"} "~/p{i % 97}/d{i}/**/*.k{i % 7}"')
print("}\n\nnetwork {")
for i in range(k):
    print(f'  {"allow" if i % 4 else "deny"} "h{i}.example{i % 13}.com:{1 + i % 65000}"')
print("}\n\nsyscalls {\n  default allow")
names = ["socket", "ioctl", "clone", "prctl", "mmap", "mprotect", "kill", "openat", "fcntl", "setsockopt"]
for i in range(n - 2 * k):  # = s, plus the remainder
    print(f'  errno EPERM {names[i % len(names)]}(arg{i % 6} == {i}, arg{(i + 1) % 6} & 0xff == {i % 256})')
print("}")
PY
}

median_ms() { # median wall time in ms of running "$@" $runs times
  local ts=() s e
  for _ in $(seq "$runs"); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
    ts+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${ts[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

printf '%-34s %10s %12s %14s\n' "policy" "median ms" "output bytes" "bytes per rule"
t=$(median_ms bin/srtc compile policies/examples/web-build.srt -o "$out/web.bin")
bin/srtc compile policies/examples/web-build.srt -o "$out/web.bin" 2>/dev/null
printf '%-34s %10s %12s %14s\n' "examples/web-build.srt (typical)" "$t" "$(stat -c %s "$out/web.bin")" "-"
for n in 2500 5000 10000; do
  gen "$n" "$out/gen$n.srt"
  t=$(median_ms bin/srtc compile "$out/gen$n.srt" -o "$out/gen$n.bin")
  bin/srtc compile "$out/gen$n.srt" -o "$out/gen$n.bin" 2>/dev/null || { echo "generated policy failed to compile"; bin/srtc check "$out/gen$n.srt" | head; exit 1; }
  size=$(stat -c %s "$out/gen$n.bin")
  printf '%-34s %10s %12s %14s\n' "generated, $n rules" "$t" "$size" "$(( size / n ))"
done

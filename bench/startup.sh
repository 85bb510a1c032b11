#!/usr/bin/env bash
# Start-up cost of `srt run` against bare bubblewrap.
#   bench/startup.sh [RUNS]        (default 20; run from anywhere)
# Prints the median and spread of whole-process wall time for:
#   bare bwrap      bwrap with srt's namespace options and a read-only root, running `true`
#   srt (no net)    bin/srt run --policy <std:default compiled with srtc> -- true
#   srt (default)   bin/srt run -- true            (embedded std:default)
#   sandbox-runtime `srt true` of @anthropic-ai/sandbox-runtime, only if already installed
# and the peak resident memory of the whole srt process tree (java + bwrap + command), sampled
# from /proc every 10 ms while `srt run -- sleep 1` runs. Uses hyperfine when installed.
set -euo pipefail
runs="${1:-20}"
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(cd "$here/.." && pwd)"
srt="$root/bin/srt"
srtc="$root/bin/srtc"
if [ ! -r "$root/runner/target/srt.jar" ] || [ ! -r "$root/compiler/target/srtc.jar" ]; then
  (cd "$root" && mvn -q -pl runner -am package -DskipTests)
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
"$srtc" compile "$root/policies/default.srt" -o "$work/nonet.bin" >/dev/null
"$srt" run -- true   # creates the class data sharing archive on first use

now() { date +%s%N; }
# median and interquartile range in ms of RUNS executions of "$@"
measure() {
  local label="$1"; shift
  if command -v hyperfine >/dev/null; then
    hyperfine -N -w 3 -r "$runs" --export-json "$work/h.json" "$(printf '%q ' "$@")" >/dev/null 2>&1
    python3 - "$label" "$work/h.json" <<'PY'
import json,sys,statistics
t=[x*1000 for x in json.load(open(sys.argv[2]))["results"][0]["times"]]
q=statistics.quantiles(t,n=4)
print(f"{sys.argv[1]:<18} median {statistics.median(t):7.1f} ms   p25 {q[0]:7.1f}   p75 {q[2]:7.1f}   (n={len(t)}, hyperfine)")
PY
    return
  fi
  local ts=() i s e
  for i in 1 2 3; do "$@" >/dev/null 2>&1 || true; done
  for ((i = 0; i < runs; i++)); do
    s=$(now); "$@" >/dev/null 2>&1 || true; e=$(now)
    ts+=($(( (e - s) / 1000 )))
  done
  printf '%s\n' "${ts[@]}" | sort -n | awk -v label="$label" '{a[NR]=$1} END {
    m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2;
    printf "%-18s median %7.1f ms   p25 %7.1f   p75 %7.1f   (n=%d, shell loop)\n", label, m/1000, a[int(NR/4)+1]/1000, a[int(3*NR/4)]/1000, NR }'
}

echo "srt start-up benchmark: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(bwrap --version), $(java -version 2>&1 | head -1)"
measure "bare bwrap" bwrap --die-with-parent --unshare-user --unshare-pid --unshare-ipc --unshare-uts --unshare-cgroup-try \
  --unshare-net --disable-userns --ro-bind / / --dev /dev --proc /proc --bind "$work" "$work" --chdir "$work" true
measure "srt (no net)" "$srt" run --policy "$work/nonet.bin" -- true
measure "srt (default)" "$srt" run -- true
if command -v srt-sandbox-runtime >/dev/null 2>&1; then
  measure "sandbox-runtime" srt-sandbox-runtime true
elif [ -x "$(npm root -g 2>/dev/null)/@anthropic-ai/sandbox-runtime/dist/cli.js" ]; then
  measure "sandbox-runtime" node "$(npm root -g)/@anthropic-ai/sandbox-runtime/dist/cli.js" true
else
  echo "sandbox-runtime    not installed (skipped)"
fi
echo "srt (network)      not measured: the network proxies are not wired into this build yet"

# peak RSS of the srt process tree
"$srt" run --policy "$work/nonet.bin" -- sleep 1 &
top=$!
peak=0
while kill -0 "$top" 2>/dev/null; do
  pids="$top $(pgrep -d' ' -P "$top" || true)"
  for p in $pids; do pids="$pids $(pgrep -d' ' -P "$p" || true)"; done
  for p in $pids; do pids="$pids $(pgrep -d' ' -P "$p" || true)"; done
  for p in $pids; do pids="$pids $(pgrep -d' ' -P "$p" || true)"; done
  sum=0
  for p in $(printf '%s\n' $pids | sort -u); do
    r=$(awk '/^VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
    sum=$((sum + ${r:-0}))
  done
  [ "$sum" -gt "$peak" ] && peak=$sum
  sleep 0.01
done
wait "$top" || true
echo "peak RSS of the srt process tree (java + bwrap + command): $((peak / 1024)) MB"

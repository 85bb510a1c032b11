#!/usr/bin/env bash
# Start-up cost of `srt run` against bare bubblewrap.
#   bench/startup.sh [RUNS]        (default 20; run from anywhere)
# Prints the median and spread of whole-process wall time for:
#   bare bwrap       bwrap with srt's namespace options and a read-only root, running `true`
#   srt (no net)     bin/srt run --policy <std:default compiled with srtc> -- true
#   srt (default)    bin/srt run -- true            (embedded std:default)
#   srt (network)    bin/srt run --policy <std:default + allow 127.0.0.1:PORT> -- true
#   srt (source)     bin/srt run --policy nonet.srt -- true   (compiled on the fly)
#   curl direct      curl of a small page from a local server, on the host
#   srt (net, GET)   the same curl inside the sandbox through the proxies: start-up plus the
#                    first proxied response (the proxies finish starting while the command runs)
#   sandbox-runtime  `srt true` of @anthropic-ai/sandbox-runtime, only if installed (as
#                    srt-sandbox-runtime on PATH; its default settings)
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
chmod 755 "$work"
mkdir "$work/www" && echo ok >"$work/www/index.html"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$work/www" "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
"$srtc" compile "$root/policies/default.srt" -o "$work/nonet.bin" >/dev/null
printf 'srt 1\ninclude std:default\nnetwork {\n  allow "127.0.0.1:%s"\n}\n' "$port" >"$work/net.srt"
"$srtc" compile "$work/net.srt" -o "$work/net.bin" >/dev/null
printf 'srt 1\ninclude std:default\n' >"$work/nonet.srt"
"$srt" run -- true   # creates the class data sharing archives on first use
"$srt" run --policy "$work/nonet.srt" -- true
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done

now() { date +%s%N; }
v_bwrap() {
  bwrap --die-with-parent --unshare-user --unshare-pid --unshare-ipc --unshare-uts --unshare-cgroup-try \
    --unshare-net --disable-userns --ro-bind / / --dev /dev --proc /proc --bind "$work" "$work" --chdir "$work" true
}
v_nonet() { "$srt" run --policy "$work/nonet.bin" -- true; }
v_default() { "$srt" run -- true; }
v_net() { "$srt" run --policy "$work/net.bin" -- true; }
v_src() { "$srt" run --policy "$work/nonet.srt" -- true; }
v_curl() { curl -sf -o /dev/null "http://127.0.0.1:$port/"; }
v_netget() { "$srt" run --policy "$work/net.bin" -- curl -sf -o /dev/null "http://127.0.0.1:$port/"; }
v_peer() { "$peer" true; }
variants=(v_bwrap v_nonet v_default v_net v_src v_curl v_netget)
labels=("bare bwrap" "srt (no net)" "srt (default)" "srt (network)" "srt (source)" "curl direct" "srt (net, GET)")
peer=""
if command -v srt-sandbox-runtime >/dev/null 2>&1; then peer="$(command -v srt-sandbox-runtime)"; fi
if [ -n "$peer" ]; then variants+=(v_peer); labels+=("sandbox-runtime"); fi

echo "srt start-up benchmark: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(bwrap --version), $(java -version 2>&1 | head -1)"
if command -v hyperfine >/dev/null; then
  for i in "${!variants[@]}"; do
    hyperfine -N -w 3 -r "$runs" -n "${labels[$i]}" "bash -c '$(declare -f "${variants[$i]}"); work=$work srt=$srt peer=$peer port=$port ${variants[$i]}'"
  done
else
  # rounds: every variant once per round, so load changes on a shared machine hit all alike
  for v in "${variants[@]}"; do for i in 1 2 3; do "$v" >/dev/null 2>&1 || true; done; done
  for ((r = 0; r < runs; r++)); do
    for v in "${variants[@]}"; do
      s=$(now); "$v" >/dev/null 2>&1 || true; e=$(now)
      echo "$v $(( (e - s) / 1000 ))" >> "$work/times"
    done
  done
  for i in "${!variants[@]}"; do
    awk -v v="${variants[$i]}" '$1 == v {print $2}' "$work/times" | sort -n | awk -v label="${labels[$i]}" '{a[NR]=$1} END {
      m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2;
      printf "%-18s median %7.1f ms   p25 %7.1f   p75 %7.1f   (n=%d, interleaved shell loop)\n", label, m/1000, a[int(NR/4)+1]/1000, a[int(3*NR/4)]/1000, NR }'
  done
fi
[ -n "$peer" ] || echo "sandbox-runtime    not installed (skipped)"

"$srt" run --policy "$work/net.bin" -- curl -sf -o /dev/null "http://127.0.0.1:$port/" \
  || echo "warning: the GET through the sandbox failed; its figure is not meaningful"

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

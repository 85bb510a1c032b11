#!/usr/bin/env bash
# Network figures through the real sandbox: `srt run` with a policy that allows the loopback
# upstream, so every byte goes sandboxed client -> 127.0.0.1:3128 in the sandbox's network
# namespace -> socat relay -> unix socket -> srt's Netty proxy -> upstream, against the same
# client run directly on the host.
#   1. 1 GiB download (curl), direct vs through the sandbox (plain HTTP forward and CONNECT)
#   2. median added latency of 200 sequential small GETs in one curl process
#   3. 1,000 concurrent CONNECT tunnels from inside the sandbox, errors counted
#   4. peak RSS (VmHWM) of the srt JVM during the tunnels
#   5. start-up: `srt run -- true` with a network policy (socat relays, and SRT_RELAYS=direct) vs
#      the same policy without network
# Rows marked SRT_RELAYS=direct: srt takes the relay ports' sockets and accepts on them itself.
# With sandbox-runtime installed (srt-sandbox-runtime on PATH), the same downloads through it too.
# Usage: bench/network.sh [RUNS]   (RUNS for the start-up medians, default 11)
set -euo pipefail
runs="${1:-11}"
cd "$(dirname "$0")/.."
ROOT=$PWD
SRT="$ROOT/bin/srt"
SRTC="$ROOT/bin/srtc"
if [ ! -r runner/target/srt.jar ] || [ ! -r compiler/target/srtc.jar ]; then mvn -q -pl runner -am package -DskipTests; fi
WORK=$(mktemp -d)
chmod 755 "$WORK"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
cd "$WORK"

coproc UP { exec python3 "$ROOT/bench/upstream.py"; }
read -r HTTP_PORT ECHO_PORT <&"${UP[0]}"
URL="http://127.0.0.1:$HTTP_PORT"
printf 'srt 1\ninclude std:default\nnetwork {\n  allow "127.0.0.1:%s", "127.0.0.1:%s"\n}\n' "$HTTP_PORT" "$ECHO_PORT" > net.srt
printf 'srt 1\ninclude std:default\n' > nonet.srt
"$SRTC" compile net.srt -o net.bin >/dev/null
"$SRTC" compile nonet.srt -o nonet.bin >/dev/null
"$SRT" run -- true   # class data sharing archive on first use
in_sandbox() { "$SRT" run --policy net.bin -- "$@"; }

echo "srt network benchmark: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== 1 GiB download (curl -o /dev/null), 3 runs each, best"
# Two figures per row: curl's average over the whole request (for srt and sandbox-runtime it
# includes waiting for the proxies to finish starting: the first byte comes 50-100 ms after the
# command starts) and the rate from the first byte of the answer to the last.
W='%{speed_download} %{size_download} %{time_starttransfer} %{time_total}\n'
# best of the runs' lines on stdin: "average after-first-byte", in bytes/s
best() { awk '{ if ($1 > a) a = $1; s = $2 / ($4 - $3); if (s > b) b = s } END { printf "%d %d\n", a, b }'; }
three() { for _ in 1 2 3; do "$@"; done | best; }
row() { # label, "average after-first-byte" of the row, of direct
  awk -v l="$1" -v r="$2" -v d="$3" 'BEGIN { split(r, x, " "); split(d, y, " ")
    printf "%-28s %6.0f MB/s (%2.0f%%)  %6.0f MB/s (%2.0f%%)\n", l, x[1]/1e6, 100*x[1]/y[1], x[2]/1e6, 100*x[2]/y[2] }'; }
curl -s -o /dev/null "$URL/big"  # the upstream's first read of its file fills the page cache: not measured
direct=$(three curl -s -o /dev/null -w "$W" "$URL/big")
fwd=$(three in_sandbox curl -s -o /dev/null -w "$W" "$URL/big")
tun=$(three in_sandbox curl -s -p -o /dev/null -w "$W" "$URL/big")
# SRT_RELAYS=direct: srt accepts on the relay ports itself (no socat on the byte path)
dfwd=$(SRT_RELAYS=direct three in_sandbox curl -s -o /dev/null -w "$W" "$URL/big")
dtun=$(SRT_RELAYS=direct three in_sandbox curl -s -p -o /dev/null -w "$W" "$URL/big")
printf '%-28s %-18s  %s\n' "" "average (of direct)" "after the first byte"
row "direct" "$direct" "$direct"
row "srt run (plain HTTP proxy)" "$fwd" "$direct"
row "srt run (CONNECT tunnel)" "$tun" "$direct"
row "SRT_RELAYS=direct (plain)" "$dfwd" "$direct"
row "SRT_RELAYS=direct (CONNECT)" "$dtun" "$direct"
# The same downloads through sandbox-runtime, when installed (as srt-sandbox-runtime on PATH), on
# the same machine in the same phase: its NO_PROXY sends 127.0.0.1 direct (refused in its empty
# namespace), so curl is told to use the proxy for it.
if command -v srt-sandbox-runtime >/dev/null 2>&1; then
  printf '{"network":{"allowedDomains":["127.0.0.1"],"deniedDomains":[]},"filesystem":{"denyRead":[],"allowWrite":["/tmp"],"denyWrite":[]}}' > peer.json
  peer() { srt-sandbox-runtime -s peer.json -- curl --noproxy '' -s "$@" -o /dev/null -w "$W" "$URL/big" 2>/dev/null; }
  row "sandbox-runtime (plain)" "$(three peer)" "$direct"
  row "sandbox-runtime (CONNECT)" "$(three peer -p)" "$direct"
else
  echo "sandbox-runtime             not installed (skipped)"
fi

echo "== 200 sequential small GETs in one curl process (keep-alive), median time_total of requests 2-200"
# One -o per URL: curl applies an -o to one URL only and writes the other bodies to stdout,
# where they would be counted as times.
gets=(); for _ in $(seq 200); do gets+=(-o /dev/null "$URL/small"); done
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# of requests 2-200, or NaN if curl printed anything but 199 more times
median199() { tail -n +2 | sort -g | awk '$1 !~ /^[0-9.]+$/ { bad = 1 } { a[NR] = $1 }
  END { if (bad || NR != 199) { print "NaN"; exit } print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
lat() { awk -v l="$1" -v p="$2" -v d="$3" 'BEGIN { if (l == "direct") printf "%-28s median %.3f ms\n", l, p * 1000
  else printf "%-28s median %.3f ms, added %.3f ms\n", l, p * 1000, (p - d) * 1000 }'; }
d_med=$(curl -s -w '%{time_total}\n' "${gets[@]}" | median199)
lat direct "$d_med" "$d_med"
lat "srt run (plain HTTP proxy)" "$(in_sandbox curl -s -w '%{time_total}\n' "${gets[@]}" | median199)" "$d_med"
lat "srt run (CONNECT tunnel)" "$(in_sandbox curl -s -p -w '%{time_total}\n' "${gets[@]}" | median199)" "$d_med"
if command -v srt-sandbox-runtime >/dev/null 2>&1; then
  lat "sandbox-runtime (plain)" "$(srt-sandbox-runtime -s peer.json -- curl --noproxy '' -s -w '%{time_total}\n' "${gets[@]}" 2>/dev/null | median199)" "$d_med"
fi

echo "== 1000 concurrent CONNECT tunnels from inside the sandbox"
cp "$ROOT/bench/tunnels.py" "$WORK/tunnels.py"
"$SRT" run --policy net.bin -- sh -c \
  'python3 tunnels.py 3128 "$1" "$(printf %s "$HTTP_PROXY" | sed "s,^http://srt:,,; s,@.*,,")" 1000' sh "$ECHO_PORT" > tunnels.out &
SRT_PID=$!
peak=0
while kill -0 "$SRT_PID" 2>/dev/null; do
  h=$(awk '/^VmHWM/{print $2}' "/proc/$SRT_PID/status" 2>/dev/null || true)
  [ -n "$h" ] && [ "$h" -gt "$peak" ] && peak=$h
  sleep 0.05
done
wait "$SRT_PID" || true
read -r opened ok errors < tunnels.out
echo "opened $opened, round trips ok $ok, errors $errors"
echo "== peak RSS of the srt JVM (VmHWM) during the tunnels: $((peak / 1024)) MB"

echo "== start-up of srt run -- true, $runs runs each, median"
now() { date +%s%N; }
declare -A t
for ((r = 0; r < runs; r++)); do
  for v in nonet net direct; do
    p=$v; [ $v = direct ] && p=net
    s=$(now); SRT_RELAYS=$( [ $v = direct ] && echo direct || echo socat ) "$SRT" run --policy $p.bin -- true >/dev/null 2>&1 || true; e=$(now)
    t[$v]+="$(( (e - s) / 1000 )) "
  done
done
for v in nonet net direct; do
  printf '%-24s median %7.1f ms\n' "srt run ($v policy)" "$(echo ${t[$v]} | tr ' ' '\n' | median | awk '{print $1/1000}')"
done

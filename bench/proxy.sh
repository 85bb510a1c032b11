#!/usr/bin/env bash
# Proxy figures: srt's proxy reached as the sandbox reaches it (client -> socat TCP bridge ->
# unix socket -> Netty proxy -> loopback upstream) against the same client going direct.
#   1. download throughput of 1 GiB (curl), through vs direct
#   2. median added latency of 200 sequential small GETs in one curl process (keep-alive)
#   3. 1,000 concurrent CONNECT tunnels held open, one round trip each, errors counted
#   4. peak RSS (VmHWM) of the proxy's JVM after all of that
# Usage: bench/proxy.sh   (from the repository root; builds the runner's test classes first)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

mvn -q -pl runner -am test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="$ROOT/runner/target/test-classes:$ROOT/runner/target/classes:$ROOT/compiler/target/classes:$ROOT/grammar/target/classes:$(cat "$WORK/cp.txt")"

# Upstream servers (python3, sendfile for the big body).
coproc UP { exec python3 "$ROOT/bench/upstream.py"; }
UP_PID=$UP_PID
read -r HTTP_PORT ECHO_PORT <&"${UP[0]}"

# The proxy in its own JVM, as srt run would have it.
mkfifo "$WORK/in"
java ${PROXY_JAVA_OPTS:--XX:+UseSerialGC -Xmx64m} -cp "$CP" dev.srt.runner.net.ProxyBenchServer "$WORK" <"$WORK/in" >"$WORK/proxy.out" &
exec 9>"$WORK/in"
for _ in $(seq 200); do grep -q '^BRIDGE' "$WORK/proxy.out" 2>/dev/null && break; sleep 0.05; done
SOCK=$(awk '/^SOCKET/{print $2}' "$WORK/proxy.out")
SECRET=$(awk '/^SECRET/{print $2}' "$WORK/proxy.out")

# The bridge exactly as the sandbox runs it, on a free host port.
BRIDGE_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BRIDGE_CMD=$(sed -n 's/^BRIDGE //p' "$WORK/proxy.out" | sed "s/TCP-LISTEN:3128/TCP-LISTEN:$BRIDGE_PORT/")
$BRIDGE_CMD 9>&- &
for _ in $(seq 200); do (exec 3<>/dev/tcp/127.0.0.1/$BRIDGE_PORT) 2>/dev/null && break; sleep 0.02; done
PROXY="http://srt:$SECRET@127.0.0.1:$BRIDGE_PORT"
URL="http://127.0.0.1:$HTTP_PORT"

echo "== 1 GiB download (curl -o /dev/null), 5 runs each, best"
best() { sort -g | tail -1; }
direct=$(for _ in 1 2 3 4 5; do curl -s -o /dev/null -w '%{speed_download}\n' "$URL/big"; done | best)
through=$(for _ in 1 2 3 4 5; do curl -s -o /dev/null -w '%{speed_download}\n' -x "$PROXY" "$URL/big"; done | best)
tunnel=$(for _ in 1 2 3 4 5; do curl -s -o /dev/null -w '%{speed_download}\n' -p -x "$PROXY" "$URL/big"; done | best)
awk -v d="$direct" -v t="$through" -v c="$tunnel" 'BEGIN {
  printf "direct            %8.0f MB/s\n", d/1e6
  printf "through (forward) %8.0f MB/s\n", t/1e6
  printf "through (CONNECT) %8.0f MB/s\n", c/1e6 }'

echo "== 200 sequential small GETs in one curl process (keep-alive), median time_total of requests 2-200"
# One -o per URL: curl applies an -o to one URL only and writes the other bodies to stdout.
gets=(); for _ in $(seq 200); do gets+=(-o /dev/null "$URL/small"); done
median() { tail -n +2 | sort -g | awk '$1 !~ /^[0-9.]+$/ { bad = 1 } { a[NR] = $1 }
  END { if (bad || NR != 199) { print "NaN"; exit } print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
d_med=$(curl -s -w '%{time_total}\n' "${gets[@]}" | median)
p_med=$(curl -s -w '%{time_total}\n' -x "$PROXY" "${gets[@]}" | median)
awk -v d="$d_med" -v p="$p_med" 'BEGIN {
  printf "direct  median %.3f ms\nthrough median %.3f ms\nadded          %.3f ms\n", d*1000, p*1000, (p-d)*1000 }'

echo "== 1000 concurrent CONNECT tunnels through the bridge"
read -r opened ok errors < <(python3 "$ROOT/bench/tunnels.py" "$BRIDGE_PORT" "$ECHO_PORT" "$SECRET" 1000)
echo "opened $opened, round trips ok $ok, errors $errors"

exec 9>&-
for _ in $(seq 200); do grep -q '^VmHWM' "$WORK/proxy.out" && break; sleep 0.05; done
echo "== proxy JVM peak RSS ($(echo ${PROXY_JAVA_OPTS:--XX:+UseSerialGC -Xmx64m}))"
grep '^VmHWM' "$WORK/proxy.out"

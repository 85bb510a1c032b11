#!/usr/bin/env bash
# Builds srt, compiles the stock default policy, shows what it allows, and runs a command
# under it: the secret is unreadable, the home directory unwritable, the network absent.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
. scripts/need.sh
need_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}"
mvn -B -q -ntp -DskipTests package
bin/srtc compile policies/default.srt -o compiled.bin
bin/srtc explain compiled.bin | sed -n '1,12p'
echo "..."
echo
echo "$ bin/srt run --policy compiled.bin -- bash -c '...'"
rc=0
bin/srt run --policy compiled.bin -- bash -c '
  echo "inside the sandbox as $(id -un), pid $$ (a new PID namespace)"
  ls ~/.ssh 2>&1 | head -1
  touch ~/srt-quickstart-probe 2>&1
  echo ok > ./srt-quickstart-probe && echo "wrote ./srt-quickstart-probe in the working directory" && rm ./srt-quickstart-probe
  touch ./.bashrc 2>&1
  (exec 3<>/dev/tcp/1.1.1.1/443) 2>&1
  python3 -c "import socket; socket.socket(socket.AF_UNIX)" 2>&1 | tail -1
  exit 3' || rc=$?
echo "exit status: $rc (the command's own)"

#!/usr/bin/env bash
# Cost of glob expansion at `srt run` start (issue: 15 deny globs over 100,000 files < 0.5 s).
#   bench/globs.sh [RUNS]   (default 7)
# Builds a working directory of 1,000 directories x 100 files (plus a few matches) on the
# file system of $TMPDIR, writes a policy with 15 `**/` deny globs, and prints side by side:
#   find            one `find` over the tree (the floor: one walk, no matching)
#   srt plan        the mount-planning time srt reports with --debug (walk + matching + plan)
#   srt run         whole `srt run --policy p.srt -- true` (JVM, compile on the fly, walk, bwrap)
#   srt run (empty) the same policy in an empty directory, for the difference
set -euo pipefail
runs="${1:-7}"
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(cd "$here/.." && pwd)"
srt="$root/bin/srt"
[ -r "$root/runner/target/srt.jar" ] || (cd "$root" && mvn -q -pl runner -am package -DskipTests)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tree" "$work/empty"
( cd "$work/tree"
  for d in $(seq -w 0 999); do
    mkdir -p "src/m$((10#$d % 10))/d$d"
    ( cd "src/m$((10#$d % 10))/d$d" && touch $(seq -f 'f%03g.txt' 0 99) )
  done
  touch src/m1/d001/.env src/m2/d002/key.pem src/m3/d003/id_rsa )
cat >"$work/p.srt" <<'POL'
srt 1
filesystem {
  write allow "."
  read deny "**/*.pem", "**/*.key", "**/.env", "**/.env.*", "**/id_rsa", "**/id_ed25519", "**/*.p12"
  read deny "**/*.pfx", "**/.netrc", "**/.npmrc", "**/.pypirc", "**/credentials.json", "**/*.keystore"
  read deny "**/.git-credentials", "**/secrets.yaml"
}
POL
files=$(find "$work/tree" -type f | wc -l)
"$srt" run -- true >/dev/null 2>&1 || true   # class data sharing archive, first use
med() { sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%7.0f ms (n=%d)", m, NR}'; }
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
: >"$work/find"; : >"$work/plan"; : >"$work/run"; : >"$work/empty.t"
for ((i = 0; i < runs; i++)); do
  ms find "$work/tree" >>"$work/find"
  (cd "$work/tree" && "$srt" run --debug --policy "$work/p.srt" -- true 2>&1 >/dev/null) \
    | sed -n 's/.*glob walk: \([0-9]*\) entries, plan \([0-9]*\) ms.*/\2/p' >>"$work/plan"
  (cd "$work/tree" && ms "$srt" run --policy "$work/p.srt" -- true) >>"$work/run"
  (cd "$work/empty" && ms "$srt" run --policy "$work/p.srt" -- true) >>"$work/empty.t"
done
echo "glob expansion: $files files in 1,000 directories, 15 '**/' deny globs; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(df -T "$work" | awk 'NR==2 {print $2}')"
echo "find over the tree            $(med <"$work/find")"
echo "srt plan (walk+match+plan)    $(med <"$work/plan")   goal: under 500 ms"
echo "srt run, this tree            $(med <"$work/run")"
echo "srt run, empty directory      $(med <"$work/empty.t")"
(cd "$work/tree" && "$srt" run --debug --policy "$work/p.srt" -- true 2>&1 >/dev/null | grep -E 'glob (walk|\*\*/\*\.pem|\*\*/\.env )' | sed 's/^/  /' | cut -c1-150 | head -3)

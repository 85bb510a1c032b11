#!/bin/sh
# Prints the seccomp figures: program length and instructions executed per system call for the
# stock default filter (std:syscalls), std:hardening and a 300-call allow-list, beside
# libseccomp's binary-tree output for the same rules. Needs libseccomp2 (Debian) and Maven.
# The figures come from SeccompFiguresTest, which also asserts that srt's worst path is never
# longer than libseccomp's; it runs in a few seconds.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mvn -q -pl compiler -am test -Dtest=SeccompFiguresTest -Dsurefire.failIfNoSpecifiedTests=false
mkdir -p bench/out
cp compiler/target/seccomp-figures.txt bench/out/seccomp-figures.txt
cat bench/out/seccomp-figures.txt

#!/bin/sh
# Regenerates the checked-in seccomp syscall tables from this machine's kernel headers
# (Debian package linux-libc-dev). Run from anywhere; review the diff and commit it.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mvn -q -pl compiler -am compile
java -cp compiler/target/classes dev.srt.backend.seccomp.GenerateSyscallTables \
  compiler/src/main/java/dev/srt/backend/seccomp/SyscallTableData.java
echo "wrote compiler/src/main/java/dev/srt/backend/seccomp/SyscallTableData.java"

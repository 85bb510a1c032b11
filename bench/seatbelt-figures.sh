#!/bin/sh
# Prints the Seatbelt figures: profile size, rule count and lowering time for each golden policy
# (compiler/src/test/resources/seatbelt/*.srt), and the cost of one decision in the test's SBPL
# evaluator. The figures come from SeatbeltFiguresTest; it runs in a few seconds.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mvn -q -pl compiler -am test -Dtest=SeatbeltFiguresTest -Dsurefire.failIfNoSpecifiedTests=false
mkdir -p bench/out
cp compiler/target/seatbelt-figures.txt bench/out/seatbelt-figures.txt
cat bench/out/seatbelt-figures.txt

#!/usr/bin/env bash
# The backfill benchmark: a 1,000,000-row backfill by a set-based UPDATE, a hand-written JDBC keyset
# loop, a naive Groovy withBatch loop, and migrun's backfill and eachBatch, each in its own JVM
# with -Xmx64m. Needs /usr/bin/time (Debian package "time").
# Usage: bench/run-backfill.sh [rounds] [rows]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time: apt-get install time" >&2; exit 2; }
mvn -q -B -ntp -Pbench -DskipTests package >/dev/null
java -cp "bench/target/classes:bench/target/lib/*" io.migrun.bench.BackfillBench "$root" "$@"

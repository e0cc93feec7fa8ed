#!/usr/bin/env bash
# The lock-wait benchmark: while session A keeps a transaction that read table t open, and session
# C runs short queries on t without pause, ./migrun up applies ALTER TABLE t ADD COLUMN, once with
# the lock guard off (--ddl-lock-timeout 0) and once with it at 200 ms; C's worst wait, both ways.
# Usage: bench/run-lockwait.sh [rounds] [holdMs]    e.g. bench/run-lockwait.sh 3 3000
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -ntp -Pbench -DskipTests -Dassembly.skipAssembly=true package >/dev/null
java -cp "bench/target/classes:bench/target/lib/*" io.migrun.bench.LockWaitBench "$root" "${1:-3}" "${2:-3000}" \
  "--ddl-lock-timeout 0" "--ddl-lock-timeout 200ms"

#!/usr/bin/env bash
# The core benchmark: whole-process wall time of applying 200 and 1,000 trivial migrations with
# migrun (Groovy and SQL), Flyway (SQL) and a bare Groovy loop, and each one's no-op rerun.
# Usage: bench/run-core.sh [rounds] [counts...]    e.g. bench/run-core.sh 3 200 1000
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B -ntp -Pbench -DskipTests package >/dev/null
# migrun runs through ./migrun, as users run it (MIGRUN_JAVA_OPTS adds JVM options there).
java -cp "bench/target/classes:bench/target/lib/*" io.migrun.bench.CoreBench "$root" "$@"

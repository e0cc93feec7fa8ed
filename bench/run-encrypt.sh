#!/usr/bin/env bash
# The encryption benchmark: encrypting one text column of 1,000,000 rows with migrun's backfill and
# crypto.encrypt, against the same backfill without encryption and a hand-written JDBC loop with
# javax.crypto, each in its own JVM with -Xmx64m. Needs /usr/bin/time (Debian package "time").
# Usage: bench/run-encrypt.sh [rounds] [rows]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time: apt-get install time" >&2; exit 2; }
mvn -q -B -ntp -Pbench -DskipTests package >/dev/null
java -cp "bench/target/classes:bench/target/lib/*" io.migrun.bench.BackfillBench "$root" "${1:-3}" "${2:-1000000}" encrypt

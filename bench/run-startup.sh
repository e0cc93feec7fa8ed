#!/usr/bin/env bash
# Start-up of the installed distribution against the repository launcher: `migrun --version` and a
# no-op `migrun up`, whole-process wall time, median of interleaved rounds.
# Usage: bench/run-startup.sh [rounds]    e.g. bench/run-startup.sh 10
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -ntp -Pbench -DskipTests package >/dev/null
install="$(mktemp -d)"
trap 'rm -rf "$install"' EXIT
tar -xzf migrun-cli/target/migrun-*.tar.gz -C "$install"
java -cp "bench/target/classes:bench/target/lib/*" io.migrun.bench.StartupBench "$root" "$install"/migrun-* "$@"

#!/usr/bin/env bash
# Benchmark: `registro audit verify` on a log of 1,000,000 entries, release build.
# Usage: Benchmarks/audit/run.sh [ENTRIES] [RUNS]       (from anywhere; default 1000000 and 5)
# Builds registro in release mode, makes a registry in a temporary folder, appends ENTRIES
# synthetic read entries chained as Docs/PRIVACY.md describes (make_log.py), then times
# RUNS verifications and prints each time and the best. SPEC §9 target: ≤ 3 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
entries="${1:-1000000}"
runs="${2:-5}"
swift build -c release --product registro >/dev/null
registro="$(swift build -c release --show-bin-path)/registro"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/bench.db"
"$registro" init --no-passphrase --db "$db" >/dev/null
"$registro" org add --id alfa --name "Alfa" --kind ets --db "$db"
"$registro" user add --id dpo --name "Privacy officer" --org alfa --role privacy_officer --db "$db"
python3 Benchmarks/audit/make_log.py "$db" "$entries"
echo "database: $(du -h "$db" | cut -f1)"
python3 - "$registro" "$db" "$runs" "$entries" <<'PY'
import subprocess, sys, time
registro, db, runs, entries = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
times = []
for run in range(1, runs + 1):
    start = time.perf_counter()
    subprocess.run([registro, "audit", "verify", "--db", db, "--as", "dpo"], check=True, stdout=subprocess.DEVNULL)
    times.append(time.perf_counter() - start)
    print(f"run {run}: {times[-1]:.3f} s")
print(f"audit verify of {entries} entries: best {min(times):.3f} s, median {sorted(times)[len(times) // 2]:.3f} s (target 3 s)")
PY

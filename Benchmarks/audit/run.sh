#!/usr/bin/env bash
# Benchmark: `registro audit verify` on a log of 1,000,000 entries with a witness of 10,000
# checkpoint lines, release build.
# Usage: Benchmarks/audit/run.sh [ENTRIES] [RUNS] [WITNESS_LINES]
#        (from anywhere; default 1000000, 5 and ENTRIES / 100)
# Builds registro in release mode, makes a registry in a temporary folder, appends ENTRIES
# synthetic read entries chained as Docs/PRIVACY.md describes and WITNESS_LINES signed
# checkpoints spread over them to the witness (make_log.py), then times RUNS verifications,
# each checking every entry against every line, and prints each time and the best.
# Target: ≤ 3 s.
# Beside it, as the floor of reading the log, the sqlite3 shell reads every column of every
# entry (its output to /dev/null). With RESULTS=FILE set, appends
# `audit_verify_seconds MEDIAN SQLITE3_MEDIAN` to FILE.
set -euo pipefail
cd "$(dirname "$0")/../.."
entries="${1:-1000000}"
runs="${2:-5}"
witness_lines="${3:-$((entries / 100))}"
swift build -c "${CONFIGURATION:-release}" --product registro >/dev/null
registro="$(swift build -c "${CONFIGURATION:-release}" --show-bin-path)/registro"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/bench.db"
"$registro" init --no-passphrase --db "$db" >/dev/null
"$registro" org add --id alfa --name "Alfa" --kind ets --db "$db"
"$registro" user add --id dpo --name "Privacy officer" --org alfa --role privacy_officer --db "$db"
python3 Benchmarks/audit/make_log.py "$db" "$entries" "$witness_lines"
echo "database: $(du -h "$db" | cut -f1)"
python3 - "$registro" "$db" "$runs" "$entries" "${RESULTS:-}" <<'PY'
import subprocess, sys, time
registro, db, runs, entries, results = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
def timed(command):
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start
times, reads = [], []
for run in range(1, runs + 1):
    times.append(timed([registro, "audit", "verify", "--db", db, "--as", "dpo"]))
    reads.append(timed(["sqlite3", db, "SELECT * FROM audit_entry"]))
    print(f"run {run}: {times[-1]:.3f} s (sqlite3 reading every entry: {reads[-1]:.3f} s)")
median = sorted(times)[len(times) // 2]
print(f"audit verify of {entries} entries and their witness: best {min(times):.3f} s, median {median:.3f} s (target 3 s)")
if results:
    with open(results, "a") as out:
        out.write(f"audit_verify_seconds\t{median:.3f}\t{sorted(reads)[len(reads) // 2]:.3f}\n")
PY

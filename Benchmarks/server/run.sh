#!/usr/bin/env bash
# Benchmark: the registry server (SPEC §9) under `wrk` (Debian's package, installed with apt-get
# when missing): `GET /api/cases/{id}` with a bearer token beside `GET /health` of the same
# server in the same run, then `/health` latency during a storm of logins (Argon2id). See
# bench.py for the workload.
# Usage: Benchmarks/server/run.sh [DEMO_DB]
#   DEMO_DB: a `registro demo` registry (copied, left alone); default: one made with
#   DELIVERIES deliveries (100,000) in $WORK.
# Environment: REGISTRO (a built binary; else this builds CONFIGURATION, release), WORK (.build/bench/server), RESULTS (a file the result
# lines are appended to), DURATION (10 s per wrk run), CONNECTIONS (32), STORM (20 clients).
# Targets: case reads ≥ 2,000/s and ≥ 10% of /health, p99 ≤ 25 ms, no error, one audit entry
# per decision; /health p99 ≤ 10 ms during the storm.
set -euo pipefail
cd "$(dirname "$0")/../.."
CONFIGURATION=${CONFIGURATION:-release}
WORK=${WORK:-.build/bench/server}
DELIVERIES=${DELIVERIES:-100000}
mkdir -p "$WORK"

if ! command -v wrk >/dev/null || ! command -v sqlite3 >/dev/null; then
    echo "== installing wrk and sqlite3 with apt-get" >&2
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk sqlite3 >/dev/null
fi

registro=${REGISTRO:-}
if [ -z "$registro" ]; then
    swift build -c "$CONFIGURATION" --product registro >&2
    registro="$(swift build -c "$CONFIGURATION" --show-bin-path)/registro"
fi
db=${1:-}
if [ -z "$db" ]; then
    db="$WORK/demo-$DELIVERIES/registry.db"
    if [ ! -f "$db" ]; then
        echo "== registro demo: $((DELIVERIES / 10)) people, $DELIVERIES deliveries" >&2
        rm -rf "$(dirname "$db")" && mkdir -p "$(dirname "$db")"
        "$registro" demo --db "$db" --beneficiaries $((DELIVERIES / 10)) --deliveries "$DELIVERIES" >/dev/null 2>&1
    fi
fi
results=${RESULTS:-$WORK/results.tsv}
echo "== the server: case reads beside /health, then /health during a login storm" >&2
python3 Benchmarks/server/bench.py --registro "$registro" --db "$db" --work "$WORK/run" --results "$results" \
    --duration "${DURATION:-10}" --connections "${CONNECTIONS:-32}" --storm "${STORM:-20}"

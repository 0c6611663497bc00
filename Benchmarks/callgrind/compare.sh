#!/usr/bin/env bash
# Instruction counts (callgrind) of the same five workloads run by two `registro` binaries on
# identical inputs: a measure of a change's cost that a loaded machine does not move, where
# wall-clock figures do. Used for "Storage behind its layer" in Docs/PERFORMANCE.md.
#
#   Benchmarks/callgrind/compare.sh BEFORE_BINARY AFTER_BINARY [WORK]
#
# Both binaries are release builds (`swift build -c release --product registro`), e.g. of two
# detached worktrees. The inputs are made once with the second binary, in WORK (default
# .build/callgrind): `registro demo` registries of 20,000 deliveries with their spreadsheets
# (one new person in 10 and in 2), joined and written as UTF-8 `,` files as Benchmarks/run.sh
# does, and an empty registry with one organisation and one social worker. Every run gets a
# fresh copy of its registry. Prints `workload<TAB>before<TAB>after<TAB>change %`; the
# callgrind files stay in WORK/cg/ for `callgrind_annotate --inclusive=yes`.
# Needs valgrind (Debian package valgrind) and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 2 ] || { echo "usage: $0 BEFORE_BINARY AFTER_BINARY [WORK]" >&2; exit 2; }
W=${3:-.build/callgrind}
mkdir -p "$W/cg"
W=$(cd "$W" && pwd)
# Swift seeds its hashing per process unless told not to; fixed seeds make runs repeatable.
export SWIFT_DETERMINISTIC_HASHING=1
# valgrind 3.19 cannot read Swift's DWARF 5 debug information: strip it (the symbols stay).
strip -g "$1" -o "$W/registro-before"
strip -g "$2" -o "$W/registro-after"
GEN="$W/registro-after"
log() { echo "== $*" >&2; }

demo() { # DELIVERIES PER: a demo registry, its spreadsheets joined under one header, as UTF-8 `,`
    local n=$1 per=$2 dir="$W/demo-$1-per$2"
    if [ ! -f "$dir/utf8-comma.csv" ]; then
        log "registro demo: $((n / per)) people, $n deliveries"
        rm -rf "$dir" && mkdir -p "$dir/sheets"
        "$GEN" demo --db "$dir/registry.db" --beneficiaries $((n / per)) --deliveries "$n" \
            --spreadsheets "$dir/sheets" >/dev/null 2>&1
        local first
        first=$(ls "$dir/sheets"/*.csv | head -1)
        { head -1 "$first"; for sheet in "$dir/sheets"/*.csv; do tail -n +2 "$sheet"; done; } >"$dir/all.csv"
        python3 Benchmarks/import_file.py "$dir/all.csv" "$dir/utf8-comma.csv" --encoding utf-8 --separator ,
    fi
}
demo 20000 10
demo 20000 2
EMPTY="$W/empty"
if [ ! -f "$EMPTY/registry.db" ]; then
    mkdir -p "$EMPTY"
    "$GEN" init --no-passphrase --db "$EMPTY/registry.db" >/dev/null 2>&1
    "$GEN" org add --id bench --name "Benchmark" --kind ets --db "$EMPTY/registry.db" >/dev/null 2>&1
    "$GEN" user add --id bench-sw --name "Operatore" --org bench --role social_worker \
        --db "$EMPTY/registry.db" >/dev/null 2>&1
fi
DEMO="$W/demo-20000-per10"
# The demo's audit log holds a few hundred entries: a copy with 20,000 more (and 200 witness
# checkpoints) gives audit verify a log whose checking outweighs starting the process.
if [ ! -f "$W/audit/registry.db" ]; then
    mkdir -p "$W/audit" && cp "$DEMO"/registry.db* "$W/audit/"
    python3 Benchmarks/audit/make_log.py "$W/audit/registry.db" 20000 200 >/dev/null
fi
# case show: the person of the first row of the first organisation's sheet, read by that
# organisation's social worker; the report is run by its coordinator.
if [ ! -s "$W/person" ]; then
    sheet=$(ls "$DEMO/sheets"/*.csv | head -1)
    org=$(basename "$sheet" .csv)
    cf=$(awk -F';' 'NR > 1 && $1 != "" {print $1; exit}' "$sheet")
    rm -rf "$W/run" && mkdir -p "$W/run" && cp "$DEMO"/registry.db* "$W/run/"
    "$GEN" beneficiary find --cf "$cf" --db "$W/run/registry.db" --as "$org-sw" | head -1 >"$W/person"
    echo "$org" >"$W/org"
fi
PERSON=$(cat "$W/person")
ORG=$(cat "$W/org")

# One workload under callgrind: NAME VERSION REGISTRY_DIR ARGS... (REGISTRY_DIR copied to WORK/run
# first); prints the total instructions of every thread.
run() {
    local name=$1 version=$2 source=$3
    shift 3
    rm -rf "$W/run" && mkdir -p "$W/run" && cp "$source"/registry.db* "$W/run/"
    log "$name: $version"
    valgrind --tool=callgrind --callgrind-out-file="$W/cg/$name.$version.cg" "$W/registro-$version" "$@" \
        >"$W/cg/$name.$version.out" 2>"$W/cg/$name.$version.err" \
        || { echo "$name ($version) failed: see $W/cg/$name.$version.err" >&2; exit 1; }
    awk '/^summary:/ {print $2; exit}' "$W/cg/$name.$version.cg"
}

: >"$W/results.tsv"
workload() { # NAME REGISTRY_DIR ARGS...
    local name=$1 source=$2 before after
    shift 2
    before=$(run "$name" before "$source" "$@")
    after=$(run "$name" after "$source" "$@")
    printf '%s\t%s\t%s\t%+.2f\n' "$name" "$before" "$after" \
        "$(awk -v a="$after" -v b="$before" 'BEGIN {print (a - b) * 100 / b}')" | tee -a "$W/results.tsv"
}
R="$W/run/registry.db"
workload import-20000-per10 "$EMPTY" import deliveries "$W/demo-20000-per10/utf8-comma.csv" --db "$R" --as bench-sw
workload import-20000-per2 "$EMPTY" import deliveries "$W/demo-20000-per2/utf8-comma.csv" --db "$R" --as bench-sw
workload report-axis-age_band "$DEMO" report deliveries --by axis,age_band --measure beneficiaries --format csv \
    --db "$R" --as "$ORG-coord"
workload audit-verify "$DEMO" audit verify --db "$R" --as dpo
workload audit-verify-20000 "$W/audit" audit verify --db "$R" --as dpo
workload case-show "$DEMO" case show "$PERSON" --purpose presa_in_carico_condivisa --db "$R" --as "$ORG-sw"

#!/usr/bin/env bash
# Benchmark of `registro report deliveries`: on a registry of 1,000,000 deliveries
# to 100,000 people built by `registro demo`, times two-dimensional reports of distinct people
# against the equivalent hand-written SQL run by the sqlite3 shell on the same database.
#
#   Benchmarks/reports/run.sh            # release build, registry in .build/bench-reports/
#   RUNS=9 Benchmarks/reports/run.sh     # more runs per command (the median is reported)
#   DB=PATH Benchmarks/reports/run.sh    # an existing registry instead (Benchmarks/run.sh)
#   RESULTS=FILE …                       # also append `report_BY SECONDS SQL_SECONDS` lines
#
# Targets: each report ≤ 2 s and ≤ 1.5× its SQL. Needs sqlite3 (Debian package sqlite3).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5}
WORK=${WORK:-.build/bench-reports}
BENEFICIARIES=${BENEFICIARIES:-100000}
DELIVERIES=${DELIVERIES:-1000000}

command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 1; }
swift build -c "${CONFIGURATION:-release}" --product registro >&2
BIN="$(swift build -c "${CONFIGURATION:-release}" --show-bin-path)/registro"
mkdir -p "$WORK"
DB=${DB:-$WORK/registro-$DELIVERIES.db}
if [ ! -f "$DB" ]; then
    echo "building $DB with registro demo ($BENEFICIARIES people, $DELIVERIES deliveries)" >&2
    rm -f "$DB" "$DB.keyring"
    "$BIN" demo --db "$DB" --beneficiaries "$BENEFICIARIES" --deliveries "$DELIVERIES" >/dev/null
fi
COUNT=$(sqlite3 "$DB" "SELECT COUNT(*) FROM delivery")

# The median wall-clock seconds of RUNS runs of a command.
median() {
    local times=()
    for _ in $(seq "$RUNS"); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null
        end=$(date +%s%N)
        times+=("$(( (end - start) / 1000000 ))")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]/1000}'
}

echo "registry: $COUNT deliveries; median of $RUNS runs; $(nproc) cores; $(date -u +%Y-%m-%d)"
printf '%-22s %10s %10s %8s\n' "report (--by)" "registro" "sqlite3" "ratio"
while IFS='|' read -r dims sql; do
    ours=$(median "$BIN" report deliveries --by "$dims" --measure beneficiaries --db "$DB" --as admin --format csv)
    theirs=$(median sqlite3 "$DB" "$sql")
    printf '%-22s %9ss %9ss %7.2fx\n' "$dims" "$ours" "$theirs" "$(awk -v a="$ours" -v b="$theirs" 'BEGIN {print a / b}')"
    if [ -n "${RESULTS:-}" ]; then printf 'report_%s\t%s\t%s\n' "$dims" "$ours" "$theirs" >>"$RESULTS"; fi
done <<'SQL'
org,axis|SELECT d.org_id, s.axis, COUNT(DISTINCT d.beneficiary_id) FROM delivery d JOIN service_code s ON s.code = d.service_code GROUP BY 1, 2;
territory,year|SELECT o.territory, substr(d.date, 1, 4), COUNT(DISTINCT d.beneficiary_id) FROM delivery d JOIN organisation o ON o.id = d.org_id GROUP BY 1, 2;
month,service_code|SELECT substr(d.date, 1, 7), d.service_code, COUNT(DISTINCT d.beneficiary_id) FROM delivery d GROUP BY 1, 2;
sex,citizenship|SELECT b.sex, b.citizenship, COUNT(DISTINCT d.beneficiary_id) FROM delivery d JOIN beneficiary b ON b.id = d.beneficiary_id GROUP BY 1, 2;
SQL

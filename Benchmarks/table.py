#!/usr/bin/env python3
"""Turns the results of Benchmarks/run.sh into the table of performance targets: figure, target, reference,
ratio, met or not. Prints it, and writes it with the machine's description between the
summary markers at the top of the document given (Docs/PERFORMANCE.md).

The ratio is always the registry's cost over the reference's (time over time, or the inverse
of rate over rate): below 1 the registry is faster.

Usage: table.py RESULTS.tsv --doc FILE --largest N --seconds S [--smoke]
"""
import argparse
import datetime
import os
import platform
import subprocess
import sys

START = "<!-- bench-summary:start -->"
END = "<!-- bench-summary:end -->"
SHAPES = {"utf8-comma": "UTF-8 `,`", "cp1252-semicolon": "Windows-1252 `;`"}
REPORTS = ["org,axis", "territory,year", "month,service_code", "sex,citizenship"]


def read(path):
    results = {}
    for line in open(path):
        key, value, reference = (line.rstrip("\n").split("\t") + ["", ""])[:3]
        results[key] = (float(value), float(reference) if reference else None)
    return results


def machine():
    cpu = "unknown CPU"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = 0
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            memory = int(line.split()[1]) // 1024 // 1024
    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    load = os.getloadavg()[0]
    return f"{cores} cores (`nproc`), {cpu}, {memory} GiB RAM, {platform.system()} {platform.release()}; load average {load:.1f} at the end of the run"


def rows(results, largest):
    table = []

    def add(figure, target, reference, ratio, met):
        table.append((figure, target, reference, f"{ratio:.2f}×" if ratio is not None else "—",
                      "—" if met is None else ("yes" if met else "**no**")))

    # The import grid: keys import_seconds_SIZE_PER_SHAPE (one new person in PER rows).
    grid = sorted(((int(size), int(per), shape) for size, per, shape in
                   (key[len("import_seconds_"):].split("_", 2) for key in results if key.startswith("import_seconds_"))),
                  key=lambda cell: (cell[0], -cell[1], cell[2]))
    for size, per, shape in grid:
        key = f"{size}_{per}_{shape}"
        rows_count = results[f"import_rows_{key}"][0]
        people = results[f"import_people_{key}"][0]
        ours, theirs = results[f"import_seconds_{key}"]
        # GNU time reports hundredths of a second: a tiny smoke-run file may take "0.00 s".
        ours, theirs = max(ours, 0.01), max(theirs, 0.01)
        rate = rows_count / ours
        ratio = ours / theirs
        bound = 2 if per == 10 else 3
        add(f"`import deliveries`, {int(rows_count):,} rows, {SHAPES.get(shape, shape)}, {int(people):,} new people "
            f"(one in {rows_count / max(people, 1):.1f} rows): {rate:,.0f} rows/s ({ours:.2f} s)",
            f"≥ 50,000 rows/s; ≤ {bound}× `sqlite3 .import`",
            f"`sqlite3 .import` of the same file: {theirs:.2f} s", ratio, rate >= 50_000 and ratio <= bound)
    for size in sorted({size for size, _, _ in grid}):
        peaks = [(results[f"import_peak_kb_{size}_{per}_{shape}"][0] / 1024, per, shape)
                 for s, per, shape in grid if s == size]
        peak, per, shape = max(peaks)
        add(f"peak memory importing {size:,} rows: {peak:.0f} MB (the largest of the {len(peaks)} files: "
            f"one new person in {per}, {SHAPES.get(shape, shape)})",
            "≤ 150 MB" + (" (1,000,000 rows)" if size == largest else " (target set for 1,000,000 rows)"),
            "—", None, peak <= 150 if size == largest else None)
    ours, _ = results["policy_decisions_per_s"]
    batch, cedar = results["policy_batch_seconds"]
    requests = results.get("policy_requests", (20000, None))[0]
    add(f"policy decisions, one core: {ours:,.0f}/s", "≥ 200,000/s",
        f"cedarpy `is_authorized_batch`: {requests / cedar:,.0f}/s", (requests / cedar) / ours, ours >= 200_000)
    add(f"`policy eval --batch`, {int(requests):,} requests, whole process: {batch:.3f} s", "faster than cedarpy batch",
        f"cedarpy `is_authorized_batch` call alone: {cedar:.3f} s", batch / cedar, batch < cedar)
    median, deliveries = results["case_show_ms"]
    add(f"`case show`, {int(deliveries)} deliveries, in process: {median:.2f} ms (median)", "≤ 5 ms", "—", None, median <= 5)
    for by in REPORTS:
        ours, theirs = results[f"report_{by}"]
        add(f"`report deliveries --by {by}` (distinct people): {ours:.2f} s", "≤ 2 s; ≤ 1.5× SQL",
            f"hand-written SQL in `sqlite3`: {theirs:.2f} s", ours / theirs, ours <= 2 and ours / theirs <= 1.5)
    ours, theirs = results["audit_verify_seconds"]
    add(f"`audit verify`: {ours:.2f} s", "≤ 3 s", f"`sqlite3` reading every entry: {theirs:.2f} s", ours / theirs, ours <= 3)
    rate, health_rate = results["server_case_reads_per_s"]
    p99, health_p99 = results["server_case_p99_ms"]
    errors, _ = results["server_case_errors"]
    decisions, _ = results["server_case_decisions_per_read"]
    audited, _ = results["server_case_audit_ok"]
    verified, _ = results["server_audit_verifies"]
    connections, _ = results["server_connections"]
    turns, _ = results["server_case_ratio_turns_median_percent"]
    lowest, highest = results["server_case_ratio_turns_range_percent"]
    add(f"server: `GET /api/cases/{{id}}`, bearer token, {int(connections)} connections, `wrk`: {rate:,.0f} reads/s "
        f"({rate / health_rate:.1%} of `/health`; turn by turn median {turns:.1f}%, {lowest:.1f}–{highest:.1f}%), "
        f"p99 {p99:.1f} ms, {int(errors)} errors; {int(decisions)} audit "
        f"entries per read ({'one per decision' if audited else '**not one per decision**'}), "
        f"chain {'verifying' if verified else '**not verifying**'}",
        "≥ 2,000/s and ≥ 10% of `/health`; p99 ≤ 25 ms; no error; one audit entry per decision",
        f"`GET /health` of the same server: {health_rate:,.0f}/s, p99 {health_p99:.1f} ms", health_rate / rate,
        rate >= 2000 and rate >= 0.1 * health_rate and p99 <= 25 and errors == 0 and bool(audited) and bool(verified))
    storm_p99, quiet_p99 = results["server_storm_health_p99_ms"]
    logins, clients = results["server_storm_logins_per_s"]
    storm_errors, _ = results["server_storm_health_errors"]
    storm_audited, _ = results["server_storm_audit_ok"]
    add(f"server: `GET /health` p99 during a storm of {int(clients)} concurrent logins ({logins:.0f} Argon2id "
        f"logins/s{', each audited' if storm_audited else ', **not each audited**'}): {storm_p99:.1f} ms, "
        f"{int(storm_errors)} errors", "≤ 10 ms",
        f"`/health` p99 without the storm: {quiet_p99:.1f} ms", storm_p99 / max(quiet_p99, 0.01),
        storm_p99 <= 10 and storm_errors == 0)
    ours, theirs = results["sealing"]
    add(f"sealing personal fields (`FieldSealer`): {ours:,.0f} fields/s", "— (part of the import)",
        f"raw libsodium XChaCha20-Poly1305: {theirs:,.0f} fields/s", theirs / ours, None)
    return table


def markdown(table):
    lines = ["| figure | target | reference (same run) | ratio | met |", "|---|---|---|---|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in table]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    parser.add_argument("--doc", required=True)
    parser.add_argument("--largest", type=int, required=True)
    parser.add_argument("--seconds", type=int, required=True)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    results = read(args.results)
    try:
        table = markdown(rows(results, args.largest))
    except KeyError as missing:
        sys.exit(f"table.py: the run produced no result {missing}; see the output above")
    print(table)
    today = datetime.date.today().isoformat()
    summary = "\n".join([
        START,
        "## Summary",
        "",
        f"Every performance target beside its reference, measured in one run of `make bench` on {today}",
        f"({args.seconds // 60} min {args.seconds % 60} s): {machine()}. The ratio is the",
        "registry's cost over the reference's (below 1: faster). Timings move with the machine's",
        "load: the figures below are only as quiet as the machine was; take final figures on an",
        "idle machine.",
        "",
        table,
        "",
        "Reproduce: `make bench` (= `Benchmarks/run.sh`; `RUNS=5` for more runs of each whole",
        "command, the median is reported). It builds in release mode, generates the registries",
        "and spreadsheets with `registro demo` (kept in `.build/bench/`, remade when their page",
        "size is not a new registry's), and rewrites this summary. `make bench-smoke` runs the",
        "same scripts at tiny sizes (part of `make test`).",
        END,
    ])
    if args.smoke:
        with open(args.doc, "w") as out:
            out.write("Smoke run: tiny sizes, debug build; it checks that the benchmarks run, and its figures\n"
                      "say nothing about the targets.\n\n" + summary + "\n")
        return
    text = open(args.doc).read()
    if START in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + summary + after
    else:
        # After the title and the opening paragraph.
        head, tail = text.split("\n## ", 1)
        text = head + summary + "\n\n## " + tail
    with open(args.doc, "w") as out:
        out.write(text)


if __name__ == "__main__":
    main()

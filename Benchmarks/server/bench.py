#!/usr/bin/env python3
"""The registry server under wrk: authenticated case reads beside /health, and /health during
a login storm (SPEC §9). Called by Benchmarks/server/run.sh, which builds and installs wrk.

On a copy of a demo registry: sets a known password for one social worker (`registro user
password`, as an operator would), serves the copy with `registro serve --listen 127.0.0.1:0`,
logs in and makes an API token, then
1. `wrk` on `GET /health` and on `GET /api/cases/{id}` (the token's user reading, in turn,
   people their organisation owns: every category decided and audited) on the same server, each
   for DURATION seconds with CONNECTIONS connections, in turns of about 2 seconds taken
   alternately (health, cases, health, cases, ...): the rates are the requests of all turns over
   their seconds, the latencies those of all turns merged, and the ratio of the two rates is
   also given turn by turn (median, lowest-highest). What else the machine does moves the rate
   of /health from one run to the next; alternating lets both endpoints meet the same moments,
   so that such drift does not decide their ratio. The audit entries are counted before and
   after: one entry per decision, the same number for every read;
2. a login storm: STORM clients, each from its own loopback address (127.0.0.2, ...: the
   server caps concurrent logins per address), posting `POST /api/session` back to back, right
   passwords and wrong ones for unknown users alternately (Argon2id either way), while `wrk`
   measures `GET /health` with 4 connections; every answered login is one audit entry;
3. stops the server and runs `registro audit verify`; when it fails, says why and keeps the work
   folder (registry, witness, server log), else removes it.
Appends its results to RESULTS (`key value [reference]` lines, tab-separated) and prints them.

Usage: bench.py --registro BIN --db DEMO_DB --work DIR --results FILE [--duration S]
                [--connections N] [--storm N]
"""
import argparse
import math
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "Tests", "Support"))
from registro_server import api_token, request, serve, stop  # noqa: E402
from demo_copy import PASSWORD, PURPOSE, prepare, run  # noqa: E402


def audit_count(db, action=None):
    """The audit entries of `db`, or those of `action` only."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        if action is None:
            return connection.execute("SELECT COUNT(*) FROM audit_entry").fetchone()[0]
        return connection.execute("SELECT COUNT(*) FROM audit_entry WHERE action = ?", (action,)).fetchone()[0]
    finally:
        connection.close()


def settled_audit_count(db):
    """The audit entries of `db` once none has been added for half a second: the requests wrk
    left in flight at its deadline have all been recorded."""
    count = audit_count(db)
    while True:
        time.sleep(0.5)
        now = audit_count(db)
        if now == count:
            return count
        count = now


def wrk(base, path, script, seconds, connections, environment):
    """Runs wrk; returns (requests, seconds, socket errors, non-2xx, p50 ms, p99 ms, max ms,
    {latency µs: count})."""
    threads = min(2, connections)
    output = run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
                  "-s", os.path.join(HERE, script), base + path],
                 env={**os.environ, **environment, "REPORT_LUA": os.path.join(HERE, "report.lua")})
    line = next(l for l in output.splitlines() if l.startswith("RESULT "))
    requests, duration, socket_errors, non_2xx, p50, p99, peak = line.split()[1:]
    histogram = {}
    for l in output.splitlines():
        if l.startswith("HIST "):
            value, count = l.split()[1:]
            histogram[int(value)] = histogram.get(int(value), 0) + int(count)
    return (int(requests), float(duration), int(socket_errors), int(non_2xx), int(p50) / 1000, int(p99) / 1000,
            int(peak) / 1000, histogram)


def percentile(histogram, p):
    """The latency at percentile `p` of `histogram` ({µs: count}), in ms, as wrk computes it."""
    total = sum(histogram.values())
    rank = math.floor(p / 100 * total + 0.5 + 0.5)  # C's round(), which wrk uses
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value / 1000
    return max(histogram, default=0) / 1000


def interleaved(runs, seconds, slices):
    """Runs each of `runs` ((base, path, script, connections, environment)) for `seconds` in all, cut
    into `slices` turns taken one after the other (A B A B ...), so that whatever else the machine
    does meanwhile weighs on every run alike; returns, per run, the merged figures as wrk() gives
    them for one run, and the list of each turn's rate."""
    merged = [[0, 0.0, 0, 0, 0.0, 0.0, 0.0, {}] for _ in runs]
    rates = [[] for _ in runs]
    for turn in range(slices):
        length = seconds // slices + (1 if turn < seconds % slices else 0)
        for index, (base, path, script, connections, environment) in enumerate(runs):
            result = wrk(base, path, script, length, connections, environment)
            total = merged[index]
            for position in range(4):
                total[position] += result[position]
            total[6] = max(total[6], result[6])
            for value, count in result[7].items():
                total[7][value] = total[7].get(value, 0) + count
            rates[index].append(result[0] / result[1])
    for total in merged:
        total[4], total[5] = percentile(total[7], 50), percentile(total[7], 99)
    return [tuple(total) for total in merged], rates


def storm(base, user, clients, over, answered):
    """Login clients, each from its own loopback address, until `over` is set."""
    def client(index):
        source = f"127.0.0.{index + 2}"
        attempt = 0
        while not over.is_set():
            attempt += 1
            login = ({"user": user, "password": PASSWORD} if attempt % 2 == 0 else
                     {"user": f"nessuno-{index}-{attempt}", "password": "una password sbagliata"})
            try:
                status, _, _ = request(base, "POST", "/api/session", login, source=source)
            except OSError:
                status = 0
            with answered["lock"]:
                answered[status] = answered.get(status, 0) + 1
    workers = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for worker in workers:
        worker.start()
    return workers


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--registro", required=True)
    parser.add_argument("--db", required=True, help="the demo registry (copied, left alone)")
    parser.add_argument("--work", required=True)
    parser.add_argument("--results", required=True)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--storm", type=int, default=20)
    parser.add_argument("--readers", type=int, default=16, help="how many people the reads cycle over")
    args = parser.parse_args()

    db, environment, users, worker, ids = prepare(args.registro, args.db, args.work, args.readers)
    officer = next(u for u in users if u["role"] == "privacy_officer")
    if not ids:
        sys.exit(f"bench.py: organisation {worker['org']} owns nobody in {args.db}")

    log = open(os.path.join(args.work, "server.log"), "w")
    server = serve(args.registro, db, environment, log)
    base = server.url
    results = []
    try:
        token = api_token(base, worker["id"], PASSWORD, name="bench")
        bearer = {"Authorization": f"Bearer {token}"}

        # One read of each person first: its decisions, and the warm-up.
        per_read = set()
        for person in ids:
            before = audit_count(db)
            status, _, _ = request(base, "GET", f"/api/cases/{person}?purpose={PURPOSE}", headers=bearer)
            if status != 200:
                sys.exit(f"bench.py: the first read of a person was answered {status}")
            per_read.add(audit_count(db) - before)
        if len(per_read) != 1:
            sys.exit(f"bench.py: reads recorded different numbers of audit entries: {sorted(per_read)}")
        decisions = per_read.pop()

        before = audit_count(db)
        slices = max(1, args.duration // 2)
        (health, cases), (health_rates, case_rates) = interleaved(
            [(base, "/health", "health.lua", args.connections, {}),
             (base, "/api/cases/x", "cases.lua", args.connections,
              {"IDS": ",".join(ids), "TOKEN": token, "PURPOSE": PURPOSE})], args.duration, slices)
        recorded = settled_audit_count(db) - before
        reads, seconds, socket_errors, non_2xx, p50, p99, peak, _ = cases
        # wrk stops counting at each turn's deadline; reads still in flight then complete on the server.
        served = recorded // decisions
        audited = recorded % decisions == 0 and reads <= served <= reads + args.connections * slices
        rate, health_rate = reads / seconds, health[0] / health[1]
        ratios = [case / health for case, health in zip(case_rates, health_rates)]
        results += [
            ("server_case_reads_per_s", f"{rate:.0f}", f"{health_rate:.0f}"),
            ("server_case_p99_ms", f"{p99:.2f}", f"{health[5]:.2f}"),
            ("server_case_p50_ms", f"{p50:.2f}", f"{health[4]:.2f}"),
            ("server_case_errors", str(socket_errors + non_2xx), str(health[2] + health[3])),
            ("server_case_decisions_per_read", str(decisions), ""),
            ("server_case_audit_ok", "1" if audited else "0", f"{recorded}"),
            ("server_connections", str(args.connections), ""),
            ("server_case_ratio_turns_median_percent", f"{statistics.median(ratios) * 100:.1f}", ""),
            ("server_case_ratio_turns_range_percent", f"{min(ratios) * 100:.1f}", f"{max(ratios) * 100:.1f}"),
        ]

        answered = {"lock": threading.Lock()}
        over = threading.Event()
        # Logins only: a case read still in flight is no login.
        before = audit_count(db, "login")
        started = time.monotonic()
        workers = storm(base, worker["id"], args.storm, over, answered)
        time.sleep(1)
        during = wrk(base, "/health", "health.lua", args.duration, 4, {})
        over.set()
        for thread in workers:
            thread.join()
        storm_seconds = time.monotonic() - started
        logins = sum(count for status, count in answered.items() if status in (200, 401))
        refused = {status: count for status, count in answered.items() if status not in ("lock", 200, 401)}
        settled_audit_count(db)
        login_audit = audit_count(db, "login") - before
        results += [
            ("server_storm_health_p99_ms", f"{during[5]:.2f}", f"{health[5]:.2f}"),
            ("server_storm_health_errors", str(during[2] + during[3]), ""),
            ("server_storm_logins_per_s", f"{logins / storm_seconds:.1f}", str(args.storm)),
            ("server_storm_audit_ok", "1" if login_audit == logins and not refused else "0",
             str(login_audit)),
        ]
    finally:
        stop(server, timeout=60)
        log.close()
    verify = subprocess.run([args.registro, "audit", "verify", "--db", db, "--as", officer["id"]],
                            capture_output=True, text=True, env=environment)
    results.append(("server_audit_verifies", "1" if verify.returncode == 0 else "0", ""))
    if verify.returncode != 0:
        # What verify found, and the registry, witness and server log kept to look at.
        print(f"audit verify exited {verify.returncode}: {verify.stderr.strip()}; kept {args.work}")
    with open(args.results, "a") as out:
        for key, value, reference in results:
            out.write(f"{key}\t{value}\t{reference}\n")
    for key, value, reference in results:
        print(f"{key}: {value}" + (f" (reference {reference})" if reference else ""))
    if refused:
        print(f"login answers other than 200/401: {refused}")
    if verify.returncode == 0:
        shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""What one request costs `registro serve` in CPU and in the kernel, whatever the machine's load:
CPU seconds in user space and in the kernel, context switches, minor page faults, and (with --strace) system calls,
each divided by the requests answered. Used for "Server: one case read" in Docs/PERFORMANCE.md.

On a copy of a demo registry: sets a known password for one social worker, serves the copy,
logs in, makes an API token, reads each of READERS people their organisation owns twice
(warm-up), then for `/health` and for the case reads (the same requests as bench.py's) runs
`wrk` for DURATION seconds with CONNECTIONS connections and reads the server's
`/proc/PID/stat` (utime, stime) and every thread's `/proc/PID/task/TID/status` (voluntary and
involuntary context switches) before and after. With --strace, each run is made a second time
under `strace -c -f -p PID` (much slower; only the counts per request matter) and the calls
per request are printed by name. With --perf, each run is sampled a third time by `perf record
-e cpu-clock -g` (user and kernel stacks) into WORK/perf.MEASURE.data.

Prints `measure<TAB>figure<TAB>value` lines: requests/s (meaningless under load), user µs,
system µs and context switches per request, then the system calls.

Usage: cost.py --registro BIN --db DEMO_DB --work DIR [--duration S] [--connections N]
               [--readers N] [--strace] [--perf] [--only health|case_read]
"""
import argparse
import glob
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "Tests", "Support"))
from registro_server import api_token, request, serve, stop  # noqa: E402
from demo_copy import PASSWORD, PURPOSE, prepare, run  # noqa: E402
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_and_switches(pid):
    """(user seconds, system seconds, voluntary switches, involuntary switches, minor page faults)
    of process `pid`, its threads' switches summed (those of threads ended meanwhile are lost: the
    server's are not ended while it serves)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    user, system, faults = int(fields[11]) / TICKS, int(fields[12]) / TICKS, int(fields[7])
    voluntary = involuntary = 0
    for status in glob.glob(f"/proc/{pid}/task/*/status"):
        try:
            with open(status) as lines:
                for line in lines:
                    if line.startswith("voluntary_ctxt_switches:"):
                        voluntary += int(line.split()[1])
                    elif line.startswith("nonvoluntary_ctxt_switches:"):
                        involuntary += int(line.split()[1])
        except FileNotFoundError:
            pass
    return user, system, voluntary, involuntary, faults


def wrk(base, path, script, seconds, connections, environment):
    """Runs wrk as bench.py does; returns (requests, seconds, errors)."""
    output = run(["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{seconds}s", "--timeout",
                  "10s", "-s", os.path.join(HERE, script), base + path],
                 env={**os.environ, **environment, "REPORT_LUA": os.path.join(HERE, "report.lua")})
    line = next(l for l in output.splitlines() if l.startswith("RESULT "))
    requests, duration, socket_errors, non_2xx = line.split()[1:5]
    return int(requests), float(duration), int(socket_errors) + int(non_2xx)


def strace_counts(path):
    """{system call: calls} from `strace -c`'s summary table."""
    counts = {}
    with open(path) as lines:
        for line in lines:
            parts = line.split()
            if len(parts) >= 5 and parts[0][0].isdigit() and not parts[-1].startswith("total"):
                calls = parts[3]
                if calls.isdigit():
                    counts[parts[-1]] = int(calls)
    return counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--registro", required=True)
    parser.add_argument("--db", required=True, help="the demo registry (copied, left alone)")
    parser.add_argument("--work", required=True)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--readers", type=int, default=16)
    parser.add_argument("--strace", action="store_true")
    parser.add_argument("--perf", action="store_true")
    parser.add_argument("--only", choices=["health", "case_read"], help="measure this only")
    args = parser.parse_args()

    db, environment, _, worker, ids = prepare(args.registro, args.db, args.work, args.readers)
    work = os.path.dirname(db)

    log = open(os.path.join(work, "server.log"), "w")
    server = serve(args.registro, db, environment, log)
    base = server.url
    lines = []
    try:
        token = api_token(base, worker["id"], PASSWORD, name="cost")
        bearer = {"Authorization": f"Bearer {token}"}
        for _ in range(2):
            for person in ids:
                status, _, _ = request(base, "GET", f"/api/cases/{person}?purpose={PURPOSE}", headers=bearer)
                if status != 200:
                    sys.exit(f"cost.py: a case read was answered {status}")
        measures = [("health", "/health", "health.lua", {}),
                    ("case_read", "/api/cases/x", "cases.lua", {"IDS": ",".join(ids), "TOKEN": token,
                                                               "PURPOSE": PURPOSE})]
        for name, path, script, extra in measures:
            if args.only and name != args.only:
                continue
            before = cpu_and_switches(server.pid)
            requests, seconds, errors = wrk(base, path, script, args.duration, args.connections, extra)
            after = cpu_and_switches(server.pid)
            if errors:
                sys.exit(f"cost.py: {errors} errors during {name}")
            user, system, voluntary, involuntary, faults = (a - b for a, b in zip(after, before))
            lines += [(name, "requests_per_s", f"{requests / seconds:.0f}"),
                      (name, "user_us", f"{user / requests * 1e6:.1f}"),
                      (name, "system_us", f"{system / requests * 1e6:.1f}"),
                      (name, "voluntary_switches", f"{voluntary / requests:.2f}"),
                      (name, "involuntary_switches", f"{involuntary / requests:.2f}"),
                      (name, "minor_faults", f"{faults / requests:.2f}")]
            if args.strace:
                out = os.path.join(work, f"strace.{name}")
                tracer = subprocess.Popen(["strace", "-c", "-f", "-o", out, "-p", str(server.pid)],
                                          stderr=subprocess.DEVNULL)
                time.sleep(1)
                requests, _, errors = wrk(base, path, script, args.duration, args.connections, extra)
                tracer.send_signal(signal.SIGINT)
                tracer.wait()
                for call, count in sorted(strace_counts(out).items(), key=lambda item: -item[1]):
                    lines.append((name, f"syscall_{call}", f"{count / requests:.2f}"))
                lines.append((name, "syscalls_all", f"{sum(strace_counts(out).values()) / requests:.2f}"))
            if args.perf:
                out = os.path.join(work, f"perf.{name}.data")
                sampler = subprocess.Popen(["perf", "record", "-q", "-e", "cpu-clock", "-F", "4000", "-g", "-o", out,
                                            "-p", str(server.pid)], stderr=subprocess.DEVNULL)
                time.sleep(1)
                requests, _, _ = wrk(base, path, script, args.duration, args.connections, extra)
                sampler.send_signal(signal.SIGINT)
                sampler.wait()
                lines.append((name, "perf_requests", str(requests)))
    finally:
        stop(server, timeout=60)
        log.close()
    for line in lines:
        print("\t".join(line))


if __name__ == "__main__":
    main()

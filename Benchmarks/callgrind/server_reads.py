#!/usr/bin/env python3
"""Instructions per request of `registro serve` (callgrind): one case read with a bearer token,
and `GET /health` for the floor of HTTP, routing and middleware. Used for "Server: one case
read" in Docs/PERFORMANCE.md.

On a copy of a demo registry: sets a known password for one social worker, starts the server
under `valgrind --tool=callgrind` (counting from the start), logs in, makes an API token,
reads each of READERS people the worker's organisation owns WARMUP times over (statements
prepared, caches filled, the keyring opened), then for each measure zeroes the counters
(`callgrind_control -z`), sends COUNT requests one after another on one keep-alive
connection, and dumps them (`callgrind_control -d`). Prints `measure<TAB>instructions per
request`; the dumps stay in WORK (`callgrind_annotate --inclusive=yes WORK/cg.out.N`).

The server's audit witness (a signed checkpoint at most once a second while the log grows)
runs inside the window too: under callgrind a read takes milliseconds, so it adds a few
thousand instructions per read, the same before and after a change.

Usage: server_reads.py --registro BIN --db DEMO_DB --work DIR [--count N] [--readers N]
"""
import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "server"))
from demo_copy import PASSWORD, PURPOSE, prepare, run  # noqa: E402


def summary(path):
    with open(path) as lines:
        for line in lines:
            if line.startswith("summary:"):
                return int(line.split()[1])
            if line.startswith("totals:"):
                return int(line.split()[1])
    sys.exit(f"server_reads.py: no summary in {path}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--registro", required=True)
    parser.add_argument("--db", required=True, help="the demo registry (copied, left alone)")
    parser.add_argument("--work", required=True)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--readers", type=int, default=16)
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args()

    db, environment, _, worker, ids = prepare(args.registro, args.db, args.work, args.readers)
    work = os.path.dirname(db)
    binary = os.path.join(work, "registro")
    # valgrind 3.19 cannot read Swift's DWARF 5 debug information: strip it (the symbols stay).
    run(["strip", "-g", args.registro, "-o", binary])
    environment["SWIFT_DETERMINISTIC_HASHING"] = "1"

    out = os.path.join(work, "cg.out")
    log = open(os.path.join(work, "server.log"), "w")
    server = subprocess.Popen(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", binary, "serve", "--db", db,
         "--listen", "127.0.0.1:0"],
        stdout=subprocess.PIPE, stderr=log, text=True, env=environment)
    try:
        first = server.stdout.readline().strip()
        match = re.match(r"listening on http://([^:]+):(\d+)", first)
        if not match:
            sys.exit(f"registro serve did not say where it listens: {first!r}")
        host, port = match.group(1), int(match.group(2))
        http_connection = http.client.HTTPConnection(host, port, timeout=600)

        def send(method, path, body=None, headers=None):
            sent = dict(headers or {})
            data = None
            if body is not None:
                data = json.dumps(body).encode()
                sent["Content-Type"] = "application/json"
            http_connection.request(method, path, body=data, headers=sent)
            response = http_connection.getresponse()
            raw = response.read()
            return response.status, response.getheaders(), (json.loads(raw) if raw else None)

        base = f"http://{host}:{port}"
        status, headers, body = send("POST", "/api/session", {"user": worker["id"], "password": PASSWORD})
        if status != 200:
            sys.exit(f"server_reads.py: the login failed with {status}: {body}")
        cookie = next(v.split(";")[0] for n, v in headers if n.lower() == "set-cookie")
        status, _, created = send("POST", "/api/tokens", {"name": "callgrind", "expires_in_days": 1},
                                  {"Cookie": cookie, "X-CSRF-Token": body["csrf"], "Origin": base})
        bearer = {"Authorization": f"Bearer {created['token']}"}

        def case(index):
            status, _, _ = send("GET", f"/api/cases/{ids[index % len(ids)]}?purpose={PURPOSE}", headers=bearer)
            if status != 200:
                sys.exit(f"server_reads.py: a case read was answered {status}")

        def health(index):
            status, _, _ = send("GET", "/health")
            if status != 200:
                sys.exit(f"server_reads.py: /health was answered {status}")

        for index in range(len(ids) * args.warmup):
            case(index)
        for _ in range(20):
            health(0)
        results = []
        for number, (name, call) in enumerate([("health", health), ("case_read", case)], start=1):
            run(["callgrind_control", "-z", str(server.pid)])
            for index in range(args.count):
                call(index)
            run(["callgrind_control", "-d", name, str(server.pid)])
            time.sleep(1)
            dumps = sorted((p for p in os.listdir(work) if p.startswith("cg.out.")),
                           key=lambda p: int(p.rsplit(".", 1)[1]))
            results.append((name, summary(os.path.join(work, dumps[-1])) // args.count, dumps[-1]))
        http_connection.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=120)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    for name, per_request, dump in results:
        print(f"{name}\t{per_request}\t{dump}")


if __name__ == "__main__":
    main()

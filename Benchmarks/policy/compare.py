#!/usr/bin/env python3
"""Times `registro policy eval --batch` against cedarpy's `is_authorized_batch` on the same
policies, entities and requests, and checks that every answer agrees.

Each side runs as a whole process, RUNS times; the best and median wall-clock times are shown.
For cedarpy the time of the `is_authorized_batch` call alone is shown too (it excludes Python's
start-up and reading the inputs, so it favours cedarpy).
"""
import argparse
import json
import statistics
import subprocess
import sys
import time

CEDARPY_RUNNER = r"""
import json, sys, time
policies = open(sys.argv[1]).read()
entities = open(sys.argv[2]).read()
requests = [json.loads(line) for line in open(sys.argv[3]) if line.strip()]
import cedarpy
start = time.perf_counter()
results = cedarpy.is_authorized_batch(requests, policies, entities)
elapsed = time.perf_counter() - start
with open(sys.argv[4], "w") as out:
    for r in results:
        out.write(json.dumps([r.decision.value, sorted(r.diagnostics.reasons), bool(r.diagnostics.errors)]) + "\n")
print(elapsed)
"""


def timed(command):
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit("%s failed: %s" % (command[0], result.stderr))
    return elapsed, result.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--registro", required=True)
    parser.add_argument("--data", required=True, help="folder with entities.json and requests.jsonl")
    parser.add_argument("--policies", default="Benchmarks/policy/registry.cedar")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--results", help="append `policy_batch_seconds REGISTRO CEDARPY_CALL` to this file")
    args = parser.parse_args()
    entities = args.data + "/entities.json"
    requests = args.data + "/requests.jsonl"
    ours, theirs, calls = [], [], []
    for _ in range(args.runs):
        elapsed, output = timed([args.registro, "policy", "eval", "--policies", args.policies, "--entities", entities, "--batch", requests])
        ours.append(elapsed)
        elapsed, call = timed([sys.executable, "-c", CEDARPY_RUNNER, args.policies, entities, requests, args.data + "/cedarpy.jsonl"])
        theirs.append(elapsed)
        calls.append(float(call))
    mine = [json.loads(line) for line in output.splitlines()]
    cedar = [json.loads(line) for line in open(args.data + "/cedarpy.jsonl")]
    agree = sum((m["decision"], sorted(m["reasons"]), bool(m["errors"])) == tuple(c) for m, c in zip(mine, cedar))
    print("requests: %d, answers agreeing with Cedar: %d" % (len(cedar), agree))
    print("%-44s best %.3f s, median %.3f s" % ("registro policy eval --batch (whole process)", min(ours), statistics.median(ours)))
    print("%-44s best %.3f s, median %.3f s" % ("cedarpy, whole Python process", min(theirs), statistics.median(theirs)))
    print("%-44s best %.3f s, median %.3f s" % ("cedarpy is_authorized_batch call alone", min(calls), statistics.median(calls)))
    print("registro is %.1fx faster than the is_authorized_batch call alone" % (statistics.median(calls) / statistics.median(ours)))
    if agree != len(cedar) or len(mine) != len(cedar):
        sys.exit("answers differ from Cedar's")
    if args.results:
        with open(args.results, "a") as out:
            out.write("policy_batch_seconds\t%.3f\t%.3f\n" % (statistics.median(ours), statistics.median(calls)))


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# The policy engine benchmark (Docs/PERFORMANCE.md): decisions per second on one core for the
# registry policy set, then `registro policy eval --batch` over 20,000 requests against cedarpy's
# `is_authorized_batch` on the same input, on this machine, in this run.
set -euo pipefail
cd "$(dirname "$0")/../.."
data=.build/bench-policy
swift build -c release --product registro
swift build -c release --product PolicyBenchmark
python3 Benchmarks/policy/generate.py "$data" --requests 20000
echo "== decisions per second, one core (taskset -c 0) =="
taskset -c 0 .build/release/PolicyBenchmark Benchmarks/policy/registry.cedar "$data/entities.json" "$data/requests.jsonl" 5
echo "== 20,000 requests in one batch, whole process =="
python3 Benchmarks/policy/compare.py --registro .build/release/registro --data "$data" --runs 5

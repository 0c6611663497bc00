-- wrk's end-of-run report as lines the benchmark parses:
-- RESULT requests seconds socket_errors non_2xx p50_us p99_us max_us
-- then one `HIST latency_us count` line per latency seen, so that runs can be merged.
function done(summary, latency, requests)
    local errors = summary.errors
    io.write(string.format("RESULT %d %.3f %d %d %d %d %d\n", summary.requests, summary.duration / 1e6,
        errors.connect + errors.read + errors.write + errors.timeout, errors.status,
        latency:percentile(50), latency:percentile(99), latency.max))
    for i = 1, #latency do
        local value, count = latency(i)
        io.write(string.format("HIST %d %d\n", value, count))
    end
end

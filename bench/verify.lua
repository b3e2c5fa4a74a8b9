-- wrk script: public document checks (GET /api/v1/verify/{code}) spread over the issued
-- documents (a file of check codes, one a line), or GET /healthz with no file; prints p50, p95
-- and p99 (wrk's own --latency table has no p95).
local codes = {}

function init(args)
  if args[1] then
    for line in io.lines(args[1]) do
      if #line > 0 then table.insert(codes, line) end
    end
  end
  math.randomseed(os.time() + (id or 0))
end

function request()
  if #codes == 0 then return wrk.format("GET", "/healthz") end
  return wrk.format("GET", "/api/v1/verify/" .. codes[math.random(1, #codes)])
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write +
                 summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6),
                         latency:percentile(50) / 1000, latency:percentile(95) / 1000,
                         latency:percentile(99) / 1000, errors))
end

-- wrk script: household transcripts for persons spread over the register (a file of ID
-- numbers, one a line). args: FILE MODE where MODE is
--   preview  POST /api/v1/transcripts/preview (the JSON content, audited, nothing stored)
--   issue    POST /api/v1/transcripts (stamped, PDF rendered and stored, charged), each with
--            its own Idempotency-Key
--   verify   GET /api/v1/verify/{code} over a file of check codes instead of ID numbers
local items = {}
local n = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(items, line) end
  end
  mode = args[2] or "preview"
  math.randomseed(os.time() + (id or 0))
  tag = tostring(math.random(1, 1000000000))
end

-- A clerk's own request with a purpose (no applicant): the register reads, the audit entries
-- and the rendering are those of any transcript.
local function body(person)
  return '{"subject_id":"' .. person .. '","scope":"current","detail":"full","language":"zh",' ..
         '"purpose":"bench"}'
end

function request()
  local item = items[math.random(1, #items)]
  if mode == "verify" then
    return wrk.format("GET", "/api/v1/verify/" .. item)
  end
  -- wrk.format uses the given headers instead of wrk.headers (-H): copy them in.
  local headers = {["Content-Type"] = "application/json"}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  if mode == "issue" then
    n = n + 1
    headers["Idempotency-Key"] = "bench-" .. tag .. "-" .. n
    return wrk.format("POST", "/api/v1/transcripts", headers, body(item))
  end
  return wrk.format("POST", "/api/v1/transcripts/preview", headers, body(item))
end

-- wrk --latency prints 50/75/90/99 %: add the 95th.
function done(summary, latency, requests)
  io.write(string.format("p95_us %d\n", latency:percentile(95)))
end

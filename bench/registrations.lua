-- wrk script: the whole registration workflow per registration, through HTTP.
-- Each connection alternates: a clerk enters a birth into a random demo household
-- (POST /api/v1/registrations), then a supervisor approves it (POST …/{id}/review), which
-- appends the event, updates the projections and writes the audit entries durably.
-- args: clerk_token supervisor_token households_file event_date [instance]
--   (one "household_no,head_id" a line: the household's head applies, 戶籍法 §29; instance:
--   a number that sets wrk runs side by side apart, so that they do not send the same
--   Idempotency-Keys and households)
local clerk, supervisor, households, today, instance
local pending = {}  -- applications entered on this thread's connections, to approve
registered, submitted, conflicts, other = 0, 0, 0, 0
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  clerk, supervisor, today = args[1], args[2], args[4]
  instance = tonumber(args[5]) or 0
  households = {}
  for line in io.lines(args[3]) do
    local no, head = line:match("^([^,]+),(.+)$")
    if no then table.insert(households, { no = no, head = head }) end
  end
  math.randomseed(id * 7919 + instance * 104729)
end

local given = { "家豪", "怡君", "志明", "雅婷", "冠宇", "詩涵", "承恩", "宜蓁" }

local function key()
  counter = counter + 1
  return string.format("bench-%d-%d-%d-%d", instance, id, counter, math.random(1, 1e9))
end

function request()
  if #pending > 0 then
    local app = table.remove(pending)
    local body = string.format('{"decision":"approve","version":%d}', app.version)
    local path = "/api/v1/registrations/" .. app.id .. "/review"
    return wrk.format("POST", path, {
      ["Authorization"] = "Bearer " .. supervisor,
      ["Content-Type"] = "application/json",
      ["Idempotency-Key"] = key(),
    }, body)
  end
  local hh = households[math.random(1, #households)]
  local name = "陳" .. given[math.random(1, #given)]
  local body = string.format(
    '{"type":"birth","event_date":"%s","fields":{"name":"%s","sex":"%s","place":"臺北市",' ..
    '"household_no":"%s"},"applicant":{"name":"陳大文","id_number":"%s","relation":"head",' ..
    '"identity_check":"id_card"}}',
    today, name, math.random(1, 2) == 1 and "M" or "F", hh.no, hh.head)
  return wrk.format("POST", "/api/v1/registrations", {
    ["Authorization"] = "Bearer " .. clerk,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = key(),
  }, body)
end

function response(status, headers, body)
  if status == 201 then
    submitted = submitted + 1
    local app_id = body:match('"id":(%d+)')
    local version = body:match('"version":(%d+)')
    if app_id and version then table.insert(pending, { id = app_id, version = tonumber(version) }) end
  elseif status == 200 and body:find('"status":"registered"', 1, true) then
    registered = registered + 1
  elseif status == 409 or status == 422 then
    conflicts = conflicts + 1
    if conflicts <= 3 and os.getenv("HUJI_BENCH_DEBUG") then io.stderr:write(body, "\n") end
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local r, s, c, o = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    r = r + t:get("registered"); s = s + t:get("submitted")
    c = c + t:get("conflicts"); o = o + t:get("other")
  end
  local secs = summary.duration / 1e6
  io.write(string.format("registered %d submitted %d conflicts %d other %d\n", r, s, c, o))
  io.write(string.format("registrations_per_s %.1f\n", r / secs))
end

-- wrk script: audited person lookups spread over many persons (a file of ID numbers, one a
-- line), so that reads are not served from one hot page.
local ids = {}

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(ids, line) end
  end
  extra = args[2] or ""
  math.randomseed(os.time() + (id or 0))
end

function request()
  local person = ids[math.random(1, #ids)]
  return wrk.format("GET", "/api/v1/persons/" .. person .. "?purpose=bench" .. extra)
end

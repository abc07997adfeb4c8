-- POST with a body from the environment (BODY, default the quote), counting answers by status.
-- Counters are plain globals: wrk copies only numbers and strings between its threads.
wrk.method = "POST"
wrk.body = os.getenv("BODY") or '{"sku":"apple","quantity":3}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer secret"

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  s200, s503, s504, sother = 0, 0, 0, 0
end

function response(status, headers, body)
  if status == 200 then s200 = s200 + 1
  elseif status == 503 then s503 = s503 + 1
  elseif status == 504 then s504 = s504 + 1
  else sother = sother + 1 end
end

function done(summary, latency, requests)
  local t = {0, 0, 0, 0}
  for _, thread in ipairs(threads) do
    t[1] = t[1] + thread:get("s200")
    t[2] = t[2] + thread:get("s503")
    t[3] = t[3] + thread:get("s504")
    t[4] = t[4] + thread:get("sother")
  end
  io.write(string.format("STATUSES 200=%d 503=%d 504=%d other=%d\n", t[1], t[2], t[3], t[4]))
  io.write(string.format("LATENCY p50=%.1fms p99=%.1fms max=%.1fms\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end

-- wrk script: every request POSTs a new card (a fresh UUID) as one of the phones.
-- Arguments after `--`: the path, then a file of bearer tokens (one a line, optional).
-- Only 201 Created counts as throughput; done() prints one JSON line for tests/bench/wrk.py.
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  path = args[1]
  tokens = {}
  if args[2] and args[2] ~= "" then
    for line in io.lines(args[2]) do
      if line ~= "" then table.insert(tokens, line) end
    end
  end
  math.randomseed(os.time() * 1000 + tid)
  prefix = string.format("%08x-%04x-4%03x", math.random(0, 0x7fffffff), math.random(0, 0xffff),
    math.random(0, 0xfff))
  sent, created, other = 0, 0, 0
end

function request()
  sent = sent + 1
  local body = string.format(
    '{"id":"%s-8%03x-%04x%08x","text":"H\195\184yt sykefrav\195\166r i hjemmetjenesten"}',
    prefix, tid % 0x1000, math.random(0, 0xffff), sent)
  local headers = {["Content-Type"] = "application/json"}
  if #tokens > 0 then
    headers["Authorization"] = "Bearer " .. tokens[(sent + tid) % #tokens + 1]
  end
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("created")
    bad = bad + thread:get("other")
  end
  io.write(string.format(
    '{"created":%d,"other":%d,"errors":%d,"seconds":%.3f,"p50":%.3f,"p90":%.3f,"p99":%.3f}\n',
    ok, bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(90) / 1e3,
    latency:percentile(99) / 1e3))
end

-- wrk script for bench/results_load. Environment:
--   BENCH_MODE     get     : GET requests, lines "PATH<TAB>COOKIE" (cookie may be empty), rotated
--                  submit  : POST requests, lines "PATH<TAB>COOKIE<TAB>CSRF<TAB>BODY", each used
--                            once; a thread stops before it runs out of lines
--   BENCH_FILE     the lines
--   BENCH_THREADS  wrk's -t (thread k takes lines k, k+T, k+2T, …)
--   BENCH_CONNS    wrk's -c
--   BENCH_SKIP     "n0,n1,…": lines of each thread's share already used by an earlier run
-- done() prints one line "BENCH_JSON {…}" with the summary, the status counts (submit mode) and
-- the lines each thread used ("used"), which the next run passes back as BENCH_SKIP.
local mode = os.getenv("BENCH_MODE") or "get"
local file = os.getenv("BENCH_FILE")
local nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
local conns = tonumber(os.getenv("BENCH_CONNS") or "64")

local threads = {}
local created = 0
function setup(thread)
  thread:set("tid", created)
  created = created + 1
  table.insert(threads, thread)
end

local function split(line)
  local out = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do out[#out + 1] = field end
  return out
end

function init(args)
  local skip = {}
  for n in (os.getenv("BENCH_SKIP") or ""):gmatch("%d+") do skip[#skip + 1] = tonumber(n) end
  local my_skip = skip[tid + 1] or 0
  reqs = {}
  local i, mine = 0, 0
  for line in io.lines(file) do
    if i % nthreads == tid then
      mine = mine + 1
      if mine > my_skip then
        local f = split(line)
        local headers = {}
        if f[2] and f[2] ~= "" then headers["Cookie"] = f[2] end
        if mode == "submit" then
          headers["X-CSRF-Token"] = f[3]
          headers["Content-Type"] = "application/json"
          reqs[#reqs + 1] = wrk.format("POST", f[1], headers, f[4])
        else
          reqs[#reqs + 1] = wrk.format("GET", f[1], headers)
        end
      end
    end
    i = i + 1
  end
  -- get: fewer lines than threads (one national scope) would leave a thread without any, and
  -- its connections would only count errors: it rotates over all lines instead
  if mode ~= "submit" and #reqs == 0 then
    for line in io.lines(file) do
      local f = split(line)
      local headers = {}
      if f[2] and f[2] ~= "" then headers["Cookie"] = f[2] end
      reqs[#reqs + 1] = wrk.format("GET", f[1], headers)
    end
  end
  used = 0        -- requests handed out
  completed = 0   -- responses seen (submit mode)
  statuses = {}
  -- submit: stop while at most one request per connection is still in flight, so that no line
  -- is ever sent twice
  limit = #reqs - math.ceil(conns / nthreads) - 1
  fallback = wrk.format("GET", "/api/v1/health")
end

function request()
  if mode == "submit" then
    if used >= #reqs then return fallback end
    used = used + 1
    return reqs[used]
  end
  used = used + 1
  return reqs[(used - 1) % #reqs + 1]
end

if mode == "submit" then
  function response(status, headers, body)
    completed = completed + 1
    local k = tostring(status)
    statuses[k] = (statuses[k] or 0) + 1
    if completed >= limit then
      exhausted = true
      wrk.thread:stop()
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local st, used_list, ex = {}, {}, false
  local merged = {}
  for _, t in ipairs(threads) do
    used_list[#used_list + 1] = tostring(t:get("used") or 0)
    if t:get("exhausted") then ex = true end
    local s = t:get("statuses")
    if type(s) == "table" then
      for k, v in pairs(s) do merged[k] = (merged[k] or 0) + v end
    end
  end
  for k, v in pairs(merged) do st[#st + 1] = string.format('"%s":%d', k, v) end
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%.1f,"stdev":%.1f,"max":%d,"p50":%d,"p75":%d,"p90":%d,"p99":%d,"p999":%d},' ..
    '"statuses":{%s},"used":[%s],"exhausted":%s}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(75), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9),
    table.concat(st, ","), table.concat(used_list, ","), tostring(ex)))
end

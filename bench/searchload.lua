-- A load of kb serve's /_kb/search for wrk (Debian's wrk 4.1: apt-get
-- install wrk), rotating queries of the kinds kb search gets (words, an
-- alert name, a typo, facet filters, query-string syntax, a phrase) on a
-- kbgen corpus (go run ./cmd/kbgen -n 10000 -seed 1 /tmp/kbgen10k):
--
--   kb serve --dir /tmp/kbgen10k --addr 127.0.0.1:8080
--   wrk -t2 -c50 -d30s --latency -s bench/searchload.lua http://127.0.0.1:8080
--
-- The connections of a thread share its rotation; each thread starts at
-- its own place in it.
-- Environment:
--   PACE_MS=95   each connection waits that long before each request
--                (50 connections: about 500 requests/s), for a fixed
--                rate where wrk2's -R is not available;
--   NO_PHRASE=1  leaves the phrase query out of the rotation.
-- At the end it prints the requests, the errors (non-2xx answers among
-- them) and the latency percentiles.
local paths = {
  "/_kb/search?q=connection+pool+exhausted",
  "/_kb/search?q=FeatureFlagsConnectionPoolExhausted",
  "/_kb/search?q=dns+resolution+failures",
  "/_kb/search?q=disk+full",
  "/_kb/search?q=latency&severity=SEV1",
  "/_kb/search?q=feature+flgs",
  "/_kb/search?q=kafka+consumer+lag&kind=postmortem&service=identity",
  "/_kb/search?q=%22slow+page+loads%22",
  "/_kb/search?q=tls+certificate+expired&tag=tls&tag=dependency",
  "/_kb/search?q=%2Bseverity%3ASEV2+ttr%3A%3E600",
  "/_kb/search?q=checkout+errors&owner=team-payments&n=20",
  "/_kb/search?q=kube+pod+crash+looping",
}

if os.getenv("NO_PHRASE") == "1" then
  for i = #paths, 1, -1 do
    if paths[i]:find("%%22") then table.remove(paths, i) end
  end
end

local pace = tonumber(os.getenv("PACE_MS") or "0")
local threads = 0
local counter = 0

function setup(thread)
  threads = threads + 1
  thread:set("first", threads * 5)
end

function init(args)
  counter = first or 0
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

function delay()
  return pace
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("requests %d; errors: non-2xx %d, connect %d, read %d, write %d, timeout %d\n",
    summary.requests, e.status, e.connect, e.read, e.write, e.timeout))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("p%g %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end

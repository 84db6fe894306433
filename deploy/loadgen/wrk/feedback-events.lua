-- wrk script: POST /v1/events with a body of `batch` fresh feedback events per request, every event id unique
-- (run, thread, request, index): the Java load generator's feedback-events body (100,000 users, 10,000 items,
-- 70 % impressions, 20 % clicks, 5 % dwell, 3 % ratings, 2 % conversions, a small context), built by wrk's LuaJIT so
-- that the load tool takes as little of the machine's CPU as possible. Run ids are per second: start one run a second.
--
--   wrk -t2 -c64 -d20s -s deploy/loadgen/wrk/feedback-events.lua http://127.0.0.1:8081/v1/events
--
-- Environment: WRK_BATCH (events per request, default 100), WRK_KEY (API key, default the local profile's key).

local batch = tonumber(os.getenv("WRK_BATCH") or "100")
local key = os.getenv("WRK_KEY") or "autoloop-dev-key"
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("thread_id", threads)
end

function init(args)
    run_id = string.format("wrk%d", os.time())
    sequence = 0
    math.randomseed(os.time() + thread_id)
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Authorization"] = "Bearer " .. key
end

local pages = { "home", "search", "detail", "feed" }

local function event(now, index)
    local draw = math.random(100)
    local kind, value
    if draw <= 70 then
        kind = "impression"
    elseif draw <= 90 then
        kind = "click"
    elseif draw <= 95 then
        kind, value = "dwell", string.format("%.3f", math.random())
    elseif draw <= 98 then
        kind, value = "rating", tostring(math.random(5))
    else
        kind, value = "conversion", string.format("%.2f", math.random() * 100)
    end
    local slot = math.random(20) - 1
    return string.format(
        '{"eventId":"%s-%d-%d-%d","type":"%s","userId":"user-%d","itemId":"item-%d","timestamp":"%s","sentAt":"%s"%s,'
            .. '"context":{"page":"%s","slot":%d}}',
        run_id, thread_id, sequence, index, kind, math.random(100000) - 1, math.random(10000) - 1, now, now,
        value and (',"value":' .. value) or "", pages[slot % #pages + 1], slot)
end

function request()
    sequence = sequence + 1
    local now = os.date("!%Y-%m-%dT%H:%M:%SZ")
    local events = {}
    for i = 1, batch do
        events[i] = event(now, i)
    end
    return wrk.format(nil, nil, nil, '{"events":[' .. table.concat(events, ",") .. "]}")
end

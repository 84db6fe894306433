-- Admission of one request of the feedback-collector, in one call: its rate limit, then its dedup lookup.
-- The token bucket has the same arithmetic as io.autoloop.collector.domain.TokenBucket.
-- KEYS[1]     the app's bucket, autoloop:ratelimit:{appId} (hash: tokens, at)
-- KEYS[2..n]  the app's dedup sets to look in, autoloop:dedup:{appId}:<generation> (DedupGenerations)
-- ARGV[1]  capacity (tokens)         ARGV[2]  refill rate (tokens per second)
-- ARGV[3]  now (epoch milliseconds)  ARGV[4]  tokens to take (the request's events)
-- ARGV[5]  expiry of an idle bucket (milliseconds)
-- ARGV[6..m]  the request's event ids
-- Returns {1 if taken else 0, tokens left as a string, {1 or 0 per event id: whether any set has it}}; a refused
-- request takes nothing and looks nothing up (an empty list).
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local wanted = tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
local elapsed = math.max(0, now - at)
tokens = math.min(capacity, tokens + elapsed * rate / 1000)
at = math.max(now, at)
local allowed = 0
if tokens >= wanted then
  tokens = tokens - wanted
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%d', at))
redis.call('PEXPIRE', KEYS[1], ARGV[5])
local known = {}
if allowed == 1 and #ARGV > 5 then
  for i = 6, #ARGV do
    known[i - 5] = 0
  end
  for k = 2, #KEYS do
    if redis.call('EXISTS', KEYS[k]) == 1 then
      local found = redis.call('SMISMEMBER', KEYS[k], unpack(ARGV, 6))
      for i = 1, #found do
        if found[i] == 1 then
          known[i] = 1
        end
      end
    end
  end
end
return {allowed, string.format('%.17g', tokens), known}

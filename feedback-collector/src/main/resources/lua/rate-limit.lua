-- The rate limit of one request of the feedback-collector, in one call: takes its events from the app's token bucket.
-- The token bucket has the same arithmetic as io.autoloop.collector.domain.TokenBucket.
-- KEYS[1]  the app's bucket, autoloop:ratelimit:{appId} (hash: tokens, at)
-- ARGV[1]  capacity (tokens)         ARGV[2]  refill rate (tokens per second)
-- ARGV[3]  now (epoch milliseconds)  ARGV[4]  tokens to take (the request's events)
-- ARGV[5]  expiry of an idle bucket (milliseconds)
-- Returns {1 if taken else 0, tokens left as a string}; a refused request takes nothing.
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
return {allowed, string.format('%.17g', tokens)}

-- Dedup markers of the feedback-collector: one call per request marks every event Kafka acknowledged.
-- KEYS     autoloop:dedup:{appId}:{eventId}, one per event
-- ARGV[1]  time to live (seconds)
-- Returns the number of markers written.
for _, key in ipairs(KEYS) do
  redis.call('SET', key, '1', 'EX', ARGV[1])
end
return #KEYS

-- Dedup markers of the feedback-collector: one call per request marks every event Kafka acknowledged.
-- KEYS[1]     the app's set of the current generation, autoloop:dedup:{appId}:<generation> (DedupGenerations)
-- ARGV[1]     when that set expires (epoch seconds)
-- ARGV[2..n]  the event ids, added to the set
-- Returns the number of event ids marked.
redis.call('SADD', KEYS[1], unpack(ARGV, 2))
redis.call('EXPIREAT', KEYS[1], ARGV[1])
return #ARGV - 1

package io.autoloop.collector.messaging;

import java.time.Duration;

/**
 * What Kafka did with the records of one request: whether it acknowledged every record (events and dead letters), the
 * first failure otherwise, and how long it took.
 */
public record Delivery(boolean complete, Throwable failure, Duration duration) {}

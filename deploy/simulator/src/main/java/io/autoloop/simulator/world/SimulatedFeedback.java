package io.autoloop.simulator.world;

import io.autoloop.contracts.EventType;
import java.time.Duration;

/**
 * One piece of feedback the true model drew for a shown item: what the user did, when (after the ranking was
 * shown), and the value of a rating, dwell or conversion.
 *
 * @param slot the 0-based slot the item was shown in
 * @param value rating 1–5, watch completion 0–1, conversion amount; null for impressions and clicks
 * @param delay time from showing the ranking to this event
 */
public record SimulatedFeedback(EventType type, String itemId, int slot, Double value, Duration delay) {}

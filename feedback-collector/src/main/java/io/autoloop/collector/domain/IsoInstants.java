package io.autoloop.collector.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Parses an ISO-8601 instant with a zone offset, exactly as {@link OffsetDateTime#parse(CharSequence)} does,
 * with a fast path for the form apps send almost always: {@code yyyy-MM-ddTHH:mm:ss}, an optional fraction of
 * 1 to 9 digits, and {@code Z} or {@code ±HH:MM}. Every other text (lower-case {@code t}, seconds left out,
 * an offset with seconds, …) goes to {@code OffsetDateTime.parse}, so both accept and refuse the same texts.
 * The general parser costs several microseconds per call, a large part of validating an event.
 */
final class IsoInstants {

    private IsoInstants() {}

    /** The instant of {@code text}; throws {@link DateTimeException} when it is not one. */
    static Instant parse(String text) {
        Instant fast = fast(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /** The instant of {@code text} in the common form, or null when it has another form or is invalid. */
    private static Instant fast(String text) {
        int length = text.length();
        if (length < 20 || length > 35) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        if (text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && isDigit(text.charAt(at))) {
                nanos = nanos * 10 + (text.charAt(at) - '0');
                at++;
            }
            int fractionDigits = at - start;
            if (fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds = offsetSeconds(text, at);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        long epochSecond = epochDay * 86_400 + hour * 3_600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** The offset starting at {@code at} ({@code Z} or {@code ±HH:MM} ending the text) in seconds, else MIN_VALUE. */
    private static int offsetSeconds(String text, int at) {
        int rest = text.length() - at;
        char sign = rest > 0 ? text.charAt(at) : ' ';
        if (sign == 'Z' && rest == 1) {
            return 0;
        }
        if ((sign != '+' && sign != '-') || rest != 6 || text.charAt(at + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        int hours = digits(text, at + 1, 2);
        int minutes = digits(text, at + 4, 2);
        if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59 || (hours == 18 && minutes > 0)) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3_600 + minutes * 60;
        return sign == '-' ? -seconds : seconds;
    }

    /** The number written by {@code count} ASCII digits at {@code at}, or -1 when one is not a digit. */
    private static int digits(String text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

package io.autoloop.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link IsoInstants#parseCommonForm} reads what {@link OffsetDateTime#parse(CharSequence)} reads, or leaves the text to
 * it (null), and never accepts what it refuses; {@link IsoInstants#format} writes what {@link Instant#toString()}
 * writes.
 */
class IsoInstantsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-01-31T12:00:00Z",
                "2025-01-31T12:00:00.5Z",
                "2025-01-31T12:00:00.123Z",
                "2025-01-31T12:00:00.123456789Z",
                "2025-01-31T12:00:00+05:30",
                "2025-01-31T12:00:00.250-08:00",
                "2025-01-31T00:00:00-00:00",
                "2025-01-31T23:59:59+18:00",
                "2025-01-31T23:59:59-18:00",
                "2024-02-29T10:00:00Z",
                "2000-02-29T10:00:00Z",
                "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999999999Z",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z",
                "2025-01-31T12:00Z",
                "2025-01-31T12:00:00+05:30:15",
                "2025-01-31T12:00:00.Z",
                "+12025-01-31T12:00:00Z",
                "2025-01-31t12:00:00Z",
                "2025-01-31T12:00:00z",
                "2025-01-31T12:00:00+05"
            })
    void readsWhatOffsetDateTimeReadsOrLeavesItToIt(String text) {
        Instant fast = IsoInstants.parseCommonForm(text);
        Instant expected = OffsetDateTime.parse(text).toInstant();
        assertThat(fast == null ? expected : fast).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-01-31T12:00:00Z",
                "2025-01-31T12:00:00.123456789Z",
                "2025-01-31T12:00:00.250-08:00",
                "2024-02-29T10:00:00+05:30"
            })
    void theCommonFormTakesTheFastPath(String text) {
        assertThat(IsoInstants.parseCommonForm(text))
                .isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "2025-01-31",
                "2025-01-31T12:00:00",
                "2025-01-31 12:00:00Z",
                "2025-02-29T12:00:00Z",
                "1900-02-29T12:00:00Z",
                "2025-04-31T12:00:00Z",
                "2025-13-01T12:00:00Z",
                "2025-00-01T12:00:00Z",
                "2025-01-00T12:00:00Z",
                "2025-01-31T24:00:00Z",
                "2025-01-31T12:60:00Z",
                "2025-01-31T12:00:60Z",
                "2025-01-31T12:00:00.1234567890Z",
                "2025-01-31T12:00:00+19:00",
                "2025-01-31T12:00:00+18:01",
                "2025-01-31T12:00:00+0530",
                "2025-01-31T12:00:00ZZ",
                "2025-01-31T12:00:00Z ",
                "2025-1-31T12:00:00Z",
                "2025-01-31T12:00:00.12a3Z",
                "２０２５-01-31T12:00:00Z",
                "2025-01-31T12:00:00+05:3x"
            })
    void neverAcceptsWhatOffsetDateTimeRefuses(String text) {
        assertThatThrownBy(() -> OffsetDateTime.parse(text)).isInstanceOf(DateTimeException.class);
        assertThat(IsoInstants.parseCommonForm(text)).isNull();
    }

    @Test
    void agreesWithOffsetDateTimeOnRandomTextsNearTheCommonForm() {
        Random random = new Random(42);
        String alphabet = "0123456789-:+.TZ";
        int agreedValid = 0;
        int fastPath = 0;
        for (int i = 0; i < 50_000; i++) {
            char[] text = randomInstant(random).toCharArray();
            int mutations = random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String candidate = new String(text);
            Instant expected = referenceOrNull(candidate);
            Instant actual = fastOrNull(candidate);
            assertThat(actual).as(candidate).isEqualTo(expected);
            if (expected != null) {
                agreedValid++;
            }
            if (IsoInstants.parseCommonForm(candidate) != null) {
                fastPath++;
            }
        }
        assertThat(agreedValid).as("texts both accepted").isGreaterThan(12_000);
        assertThat(fastPath).as("texts read by the fast path").isGreaterThan(12_000);
    }

    private static String randomInstant(Random random) {
        String fraction = random.nextBoolean() ? "" : "." + "123456789".substring(0, 1 + random.nextInt(9));
        String offset = random.nextBoolean()
                ? "Z"
                : String.format(
                        "%s%02d:%02d", random.nextBoolean() ? "+" : "-", random.nextInt(19), random.nextInt(60));
        return String.format(
                "%04d-%02d-%02dT%02d:%02d:%02d%s%s",
                1900 + random.nextInt(200),
                1 + random.nextInt(12),
                1 + random.nextInt(31),
                random.nextInt(24),
                random.nextInt(60),
                random.nextInt(60),
                fraction,
                offset);
    }

    private static Instant referenceOrNull(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The fast path where it answers, else the general parser (what a caller of parseCommonForm does). */
    private static Instant fastOrNull(String text) {
        Instant fast = IsoInstants.parseCommonForm(text);
        return fast != null ? fast : referenceOrNull(text);
    }

    @Test
    void formatsAsInstantToStringDoes() {
        Random random = new Random(7);
        long[] edges = {
            0,
            -1,
            1,
            86_399,
            86_400,
            -86_400,
            951_782_400L,
            253_402_300_799L,
            253_402_300_800L,
            -62_167_219_200L,
            -62_167_219_201L
        };
        int[] nanos = {0, 1, 999, 1_000, 120_000, 123_000_000, 999_999_999, 100_000_000, 5_000};
        for (long second : edges) {
            for (int nano : nanos) {
                Instant instant = Instant.ofEpochSecond(second, nano);
                assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
            }
        }
        for (int i = 0; i < 50_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    random.nextLong(-80_000_000_000L, 300_000_000_000L), nanos[random.nextInt(nanos.length)]);
            assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
        }
    }
}

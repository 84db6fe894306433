package io.autoloop.testing.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/** The hostile pieces requests are made of: raw JSON numbers, string escapes, bytes, path segments, query values. */
final class HostileValues {

    /** Numbers at and past the edges of a double and a long, as JSON text (some of them not valid JSON). */
    static final List<String> NUMBERS = List.of(
            "1e308",
            "-1e308",
            "1.7976931348623157e308",
            "1e309",
            "-1e400",
            "1e999999999",
            "4.9e-324",
            "1e-400",
            "-0",
            "-0.0",
            "9223372036854775808",
            "-9223372036854775809",
            "123456789012345678901234567890123456789012345678901234567890",
            "0.000000000000000000000000000000000000000000000000000000000001",
            "1e10",
            "-1e10",
            "1000000001",
            "NaN",
            "-Infinity",
            "Infinity",
            "\"NaN\"",
            "\"Infinity\"",
            "\"1e308\"",
            "0x10",
            "01",
            "1.",
            ".5",
            "+1",
            "1e",
            "--1");

    /** JSON string escapes and raw characters a string or field name may carry. */
    static final List<String> STRING_EDGES = List.of(
            "\\ud800",
            "\\udfff",
            "\\udc00\\ud800",
            "\\u0000",
            "\\u0001",
            "\\u001b[31m",
            "\\u202e",
            "\\u200f",
            "\\ufeff",
            "\\u200b",
            "\\uffff",
            "\\ufffe",
            "\\ud83d\\ude00",
            "e\\u0301\\u0301\\u0301",
            "\\n\\r\\t",
            "\\\\",
            "\\\"",
            "\u202e",
            "\u0645\u0631\u062d\u0628\u0627",
            "\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67",
            "\u0000",
            " ",
            "",
            "%00",
            "${jndi:ldap://127.0.0.1/a}",
            "<script>alert(1)</script>",
            "'; DROP TABLE x; --");

    /** Byte sequences that are not UTF-8. */
    static final List<byte[]> INVALID_UTF8 = List.of(
            new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0x80},
            new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xE2, (byte) 0x82},
            new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});

    /** Path segments, already percent-encoded where needed. */
    static final List<String> PATH_SEGMENTS = List.of(
            "%00",
            "%2F",
            "a%2Fb",
            "..",
            "%2e%2e",
            "%2e%2e%2f%2e%2e",
            "%20",
            "%0A",
            "%0D%0Aheader:%20x",
            "%25",
            "%FF",
            "%C0%AF",
            "%ED%A0%80",
            "%E2%80%AE",
            "%F0%9F%98%80",
            "-1",
            "0",
            "0.0.0",
            "-1.0.0",
            "1.2.3.4",
            "99999999999999999999.0.0",
            "0.1.0%00",
            "1e308",
            "NaN",
            "null",
            "undefined",
            "%7B%7D",
            "%22%3E%3Cscript%3E");

    /** Query values, already percent-encoded where needed. */
    static final List<String> QUERY_VALUES = List.of(
            "",
            "-1",
            "0",
            "1",
            "2147483647",
            "2147483648",
            "-2147483649",
            "99999999999999999999",
            "1e3",
            "1.5",
            "NaN",
            "abc",
            "%00",
            "%FF",
            "%ED%A0%80",
            "%E2%80%AE",
            "true",
            "%20%201");

    /** Content types other than {@code application/json}; {@code null} means no header at all. */
    static final List<String> CONTENT_TYPES = java.util.Arrays.asList(
            null,
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/json; charset=ISO-8859-1",
            "application/json; charset=UTF-16",
            "application/json; charset=nonsense",
            "application/octet-stream",
            "*/*",
            "garbage",
            ";;;",
            "application/problem+json");

    /** Methods an endpoint may be called with by mistake. */
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE");

    private HostileValues() {}

    static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A string of {@code length} characters drawn from an alphabet chosen at random. */
    static String longString(SplittableRandom random, int length) {
        String alphabet = pick(random, List.of("a", "abcdefghij0123456789", "\u00e9\u4e2d\u0416", "\"\\/", " "));
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            if (c == '"' || c == '\\') {
                text.append('\\');
            }
            text.append(c);
        }
        return text.toString();
    }
}

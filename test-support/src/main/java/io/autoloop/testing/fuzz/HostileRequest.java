package io.autoloop.testing.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request the fuzz sends: its index in the run (with the seed, enough to make it again), the attack it carries,
 * method, path with query, headers (a header may repeat) and body bytes.
 */
public record HostileRequest(
        long index, Attack attack, String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {

    private static final int SHOWN = 160;

    public HostileRequest {
        headers = List.copyOf(headers);
    }

    /** A short human description: attack, method, target and the start of the body. */
    public String describe() {
        String text = new String(body, 0, Math.min(body.length, SHOWN), StandardCharsets.UTF_8);
        return "#" + index + " " + attack + " " + method + " " + shorten(target) + " headers " + shortenHeaders()
                + " body (" + body.length + " bytes) " + text + (body.length > SHOWN ? "…" : "");
    }

    private List<String> shortenHeaders() {
        return headers.stream()
                .map(h -> h.getKey() + ": " + shorten(h.getValue()))
                .toList();
    }

    private static String shorten(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "… (" + text.length() + " chars)";
    }
}

package io.autoloop.router.domain.memory;

/**
 * What Redis says of its memory: consumes the text of {@code INFO memory} and produces the bytes in use and the
 * {@code maxmemory} limit (0 when Redis has none), and how full it is.
 *
 * @param usedBytes {@code used_memory}
 * @param maxBytes {@code maxmemory}, 0 without a limit
 */
public record RedisMemoryInfo(long usedBytes, long maxBytes) {

    /** Reads {@code used_memory} and {@code maxmemory} from the answer to {@code INFO memory}. */
    public static RedisMemoryInfo parse(String info) {
        Long used = null;
        Long max = null;
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String field = line.substring(0, colon);
            String value = line.substring(colon + 1).trim();
            if (field.equals("used_memory")) {
                used = Long.parseLong(value);
            } else if (field.equals("maxmemory")) {
                max = Long.parseLong(value);
            }
        }
        if (used == null || max == null) {
            throw new IllegalArgumentException(
                    "The answer to INFO memory lacks " + (used == null ? "used_memory" : "maxmemory") + ".");
        }
        return new RedisMemoryInfo(used, max);
    }

    /** The share of {@code maxmemory} in use, NaN when Redis has no limit. */
    public double usedRatio() {
        return maxBytes == 0 ? Double.NaN : (double) usedBytes / maxBytes;
    }
}

package io.autoloop.contracts.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a presented API key to the app it belongs to. Keys are configured only as hex SHA-256
 * hashes (app id → hash); a presented key is hashed and compared with every configured hash in
 * constant time, so neither the keys nor the timing reveal anything.
 */
public final class ApiKeys {

    private final Map<String, byte[]> hashesByApp;

    /** {@code hexHashesByApp}: app id → lower- or upper-case hex SHA-256 of that app's key. */
    public ApiKeys(Map<String, String> hexHashesByApp) {
        Map<String, byte[]> parsed = new LinkedHashMap<>();
        hexHashesByApp.forEach((app, hex) -> parsed.put(app, parse(app, hex)));
        this.hashesByApp = Map.copyOf(parsed);
    }

    /** The app whose key this is, or empty for a null, blank or unknown key. */
    public Optional<String> appOf(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank()) {
            return Optional.empty();
        }
        byte[] presented = sha256(presentedKey);
        String match = null;
        for (Map.Entry<String, byte[]> entry : hashesByApp.entrySet()) {
            if (MessageDigest.isEqual(entry.getValue(), presented)) {
                match = entry.getKey();
            }
        }
        return Optional.ofNullable(match);
    }

    /** Whether no key is configured at all. */
    public boolean isEmpty() {
        return hashesByApp.isEmpty();
    }

    /** The hex SHA-256 of a key: the form keys are configured in. */
    public static String hashOf(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    private static byte[] parse(String app, String hex) {
        if (hex == null || !hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("The key hash configured for app '" + app
                    + "' must be 64 hex characters (a SHA-256); compute it with: printf %s KEY | sha256sum");
        }
        return HexFormat.of().parseHex(hex.toLowerCase());
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256, which API key checks need.", e);
        }
    }
}

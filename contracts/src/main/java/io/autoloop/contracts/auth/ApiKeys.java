package io.autoloop.contracts.auth;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Resolves a presented key to the name it belongs to: an app id for app keys, an admin's name for admin keys. Keys
 * are configured only as hex SHA-256 hashes (name → hash, or several hashes separated by commas, so that a key rotates
 * without a gap: the old and the new key both resolve to the name until the old one's hash is removed); a presented key
 * is hashed and compared with every configured hash in constant time, so neither the keys nor the timing reveal
 * anything.
 */
public final class ApiKeys {

    /** One configured key: the name it resolves to and the SHA-256 of the key. */
    private record Grant(String name, byte[] hash) {}

    private final List<Grant> grants;

    /**
     * {@code hexHashesByName}: name → lower- or upper-case hex SHA-256 of that name's key, or of each of its keys,
     * separated by commas.
     */
    public ApiKeys(Map<String, String> hexHashesByName) {
        List<Grant> parsed = new ArrayList<>();
        hexHashesByName.forEach((name, hexes) ->
                hashesIn(hexes).forEach(hex -> parsed.add(new Grant(name, parse(name, hex)))));
        this.grants = List.copyOf(parsed);
    }

    /** The hashes of one configured value: one hash, or several separated by commas, surrounding spaces removed. */
    public static List<String> hashesIn(String configured) {
        if (configured == null) {
            return Collections.singletonList(null);
        }
        return Arrays.stream(configured.split(",", -1)).map(String::strip).toList();
    }

    /** The name whose key this is, or empty for a null, blank or unknown key. */
    public Optional<String> ownerOf(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank()) {
            return Optional.empty();
        }
        byte[] presented = DigestUtils.sha256(presentedKey);
        String match = null;
        for (Grant grant : grants) {
            if (MessageDigest.isEqual(grant.hash(), presented)) {
                match = grant.name();
            }
        }
        return Optional.ofNullable(match);
    }

    /** The hex SHA-256 of a key (of its UTF-8 bytes): the form keys are configured in. */
    public static String hashOf(String key) {
        return DigestUtils.sha256Hex(key);
    }

    private static byte[] parse(String name, String hex) {
        if (hex == null || !hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("The key hash configured for '" + name
                    + "' must be 64 hex characters (a SHA-256); compute it with: printf %s KEY | sha256sum");
        }
        return HexFormat.of().parseHex(hex.toLowerCase());
    }
}

package io.autoloop.contracts.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns an app's raw user id into the pseudonymous id used everywhere downstream:
 * hex(HMAC-SHA256(secret, appId + "\u001f" + userId)). The unit separator keeps
 * ({@code "ab"}, {@code "c"}) and ({@code "a"}, {@code "bc"}) apart. The collector and the router
 * share this class so a user's feedback and decisions carry the same id.
 */
public final class Pseudonymizer {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_SECRET_BYTES = 16;

    /** The message whose MAC is the {@link #fingerprint()}; no pseudonym's message equals it (it has no U+001F). */
    private static final byte[] FINGERPRINT_MESSAGE =
            "autoloop pseudonymization fingerprint".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public Pseudonymizer(String secret) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("The pseudonymization secret must be at least " + MIN_SECRET_BYTES
                    + " bytes long; configure a longer one.");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The pseudonymous id of {@code userId} within {@code appId}: 64 lower-case hex characters. */
    public String pseudonymize(String appId, String userId) {
        Mac mac = macs.get();
        mac.update(appId.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0x1f);
        return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A keyed hash that tells this secret from another without revealing it: hex(HMAC-SHA256(secret, "autoloop
     * pseudonymization fingerprint")), 64 lower-case hex characters. Two services with the same secret have the same
     * fingerprint; learning the secret from it is as hard as from any pseudonym.
     */
    public String fingerprint() {
        return HexFormat.of().formatHex(macs.get().doFinal(FINGERPRINT_MESSAGE));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot compute HmacSHA256, which pseudonymization needs.", e);
        }
    }
}

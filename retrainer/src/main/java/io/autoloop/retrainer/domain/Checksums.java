package io.autoloop.retrainer.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of model bytes: the registry's {@code checksum}, and the weights' {@code ETag} and digest. */
public final class Checksums {

    private Checksums() {}

    /** The SHA-256 digest of {@code bytes}. */
    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256, which model checksums need.", e);
        }
    }

    /** The lower-case hex SHA-256 of {@code bytes}, as {@code ModelVersion.checksum} holds it. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }
}

package io.autoloop.platform.auth;

import java.util.Optional;

/**
 * Reads the key out of an {@code Authorization} header value: the credentials of the {@code Bearer} scheme (RFC 6750),
 * whose name is case-insensitive, with surrounding white space removed.
 */
public final class BearerToken {

    private static final String SCHEME = "Bearer";

    private BearerToken() {}

    /** The bearer token of {@code authorization}; empty when the header is absent, of another scheme or empty. */
    public static Optional<String> in(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String header = authorization.strip();
        if (header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || !Character.isWhitespace(header.charAt(SCHEME.length()))) {
            return Optional.empty();
        }
        String token = header.substring(SCHEME.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}

package io.autoloop.platform.auth;

/** The roles a key gives its caller, as resources name them in {@code @RolesAllowed}. */
public final class Roles {

    /** An app's API key: ingest and ranking as that app; the principal is the app id. */
    public static final String APP = "app";

    /** An admin key: experiment control and forced publishes; the principal is the admin's name. */
    public static final String ADMIN = "admin";

    private Roles() {}
}

package io.autoloop.platform.auth;

/**
 * Whom a key belongs to: {@code name} becomes the request's principal (an app id, or the admin's name that audit
 * entries record as the actor) and {@code role} is one of {@link Roles}.
 */
public record Caller(String name, String role) {}

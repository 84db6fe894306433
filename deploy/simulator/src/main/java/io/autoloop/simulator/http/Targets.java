package io.autoloop.simulator.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where the simulator sends its traffic and with which keys. Only loopback addresses are accepted ({@code localhost},
 * {@code 127.0.0.0/8}, {@code [::1]}): the simulator is a load generator for a local stack, never for someone else's
 * service.
 *
 * @param router the ab-router's base URL, e.g. {@code http://127.0.0.1:8080}
 * @param collector the feedback-collector's base URL, e.g. {@code http://127.0.0.1:8081}
 * @param apiKey the app's API key for ranking and ingest
 * @param adminKey the admin key for reading experiments
 */
public record Targets(URI router, URI collector, String apiKey, String adminKey) {

    public static final String DEFAULT_ROUTER = "http://127.0.0.1:8080";
    public static final String DEFAULT_COLLECTOR = "http://127.0.0.1:8081";
    public static final String DEV_API_KEY = "autoloop-dev-key";
    public static final String DEV_ADMIN_KEY = "autoloop-dev-admin-key";

    public Targets {
        router = loopback("router", router);
        collector = loopback("collector", collector);
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException(
                    "An API key is needed; pass --key (the dev key is " + DEV_API_KEY + ").");
        }
    }

    /** Parses {@code url} and refuses anything but an http(s) URL of a loopback host. */
    public static URI parse(String what, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The " + what + " URL '" + url + "' is not a valid URL.", e);
        }
        return loopback(what, uri);
    }

    /** {@code path} resolved against the router's base URL. */
    public URI routerPath(String path) {
        return join(router, path);
    }

    /** {@code path} resolved against the collector's base URL. */
    public URI collectorPath(String path) {
        return join(collector, path);
    }

    private static URI join(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }

    private static URI loopback(String what, URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("The " + what + " URL '" + uri
                    + "' must start with http:// or https://, e.g. http://127.0.0.1:8080.");
        }
        String host = uri.getHost();
        if (host == null || !isLoopback(host)) {
            throw new IllegalArgumentException("The " + what + " URL '" + uri
                    + "' is not on this machine; the simulator only sends traffic to loopback addresses"
                    + " (localhost, 127.0.0.1, [::1]).");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost")) {
            return true;
        }
        boolean ipv6 = name.startsWith("[") && name.endsWith("]");
        boolean ipv4 = name.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        if (!ipv4 && !ipv6) {
            return false; // a host name other than localhost would need a DNS lookup: refused
        }
        try {
            return InetAddress.getByName(name).isLoopbackAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

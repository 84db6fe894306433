package io.autoloop.loadgen;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Refuses every target that is not this machine: the load generator never sends load elsewhere. */
public final class Loopback {

    private Loopback() {}

    /** Returns {@code host} when every address it resolves to is a loopback address; throws otherwise. */
    public static String require(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("The target host '" + host + "' does not resolve.", e);
        }
        for (InetAddress address : addresses) {
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("The target host '" + host + "' resolves to "
                        + address.getHostAddress() + ", which is not a loopback address; this tool only loads"
                        + " this machine (127.0.0.1, ::1, localhost).");
            }
        }
        return host;
    }
}

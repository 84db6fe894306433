package io.autoloop.collector.messaging;

import net.jpountz.lz4.LZ4Factory;
import org.jboss.logging.Logger;

/**
 * Makes the Kafka client compress {@code lz4} with lz4-java's native (JNI) codec. {@code LZ4Factory.fastestInstance()},
 * which the client calls for every batch, only tries the native library when lz4-java was loaded by the system
 * class loader or the library is loaded already; in a Quarkus application it is neither, so every batch went through
 * the pure-Java "safe" codec: 18 % of the collector's profile samples, 3.5 % with the native codec, which compresses
 * about three times faster (docs/benchmarks.md). Loading the library once, before the producer exists, lets
 * {@code fastestInstance()} return the native codec; where the library cannot load (an unsupported platform) the Java
 * codec stays, as before.
 */
final class Lz4Codec {

    private static final Logger LOG = Logger.getLogger(Lz4Codec.class);

    private Lz4Codec() {}

    /** Loads the native codec if this platform has one, and logs which codec the Kafka client will use. */
    static void preferNative() {
        try {
            LZ4Factory.nativeInstance();
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf("lz4 compression runs in Java: the native lz4 library could not be loaded (%s).", e.toString());
        }
        LOG.infof("lz4 compression: %s", LZ4Factory.fastestInstance());
    }
}

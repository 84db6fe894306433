package io.autoloop.router.domain.serving;

import io.autoloop.contracts.ModelVersion;
import io.autoloop.learner.ModelCodec;
import io.autoloop.learner.ModelFormatException;
import io.autoloop.learner.ModelSnapshot;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Checks model bytes from the registry before they may serve: the SHA-256 the retrainer published in its
 * {@link ModelVersion} must match, the learner's codec must accept the bytes (magic, format version, CRC32), and the
 * decoded snapshot must be the named version of the named model.
 */
public final class ModelVerification {

    private ModelVerification() {}

    /**
     * The snapshot held by {@code bytes}.
     *
     * @throws ModelRejectedException naming the check that failed
     */
    public static ModelSnapshot verify(ModelVersion metadata, byte[] bytes) {
        String actual = DigestUtils.sha256Hex(bytes);
        if (!actual.equalsIgnoreCase(metadata.checksum())) {
            throw new ModelRejectedException("The bytes of " + metadata.name() + " " + metadata.version()
                    + " have SHA-256 " + actual + ", but its metadata says " + metadata.checksum() + ".");
        }
        ModelSnapshot snapshot;
        try {
            snapshot = ModelCodec.read(bytes);
        } catch (ModelFormatException e) {
            throw new ModelRejectedException(
                    "The bytes of " + metadata.name() + " " + metadata.version() + " do not decode: " + e.getMessage());
        }
        String name = snapshot.provenance().name();
        String version = snapshot.provenance().version();
        if (!name.equals(metadata.name()) || !version.equals(metadata.version())) {
            throw new ModelRejectedException("The registry entry of " + metadata.name() + " " + metadata.version()
                    + " holds the model " + name + " " + version + ".");
        }
        return snapshot;
    }
}

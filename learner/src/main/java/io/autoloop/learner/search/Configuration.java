package io.autoloop.learner.search;

import io.autoloop.learner.Cross;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One way of training that an {@link OnlineSearch} can try: the feature spec (hash bits, seed and crosses) and the
 * FTRL-Proximal hyper-parameters, the same fields as the retrainer's lineage configuration.
 *
 * @param spec how examples are hashed
 * @param parameters α, β, λ1 and λ2
 */
public record Configuration(FeatureSpec spec, FtrlParameters parameters) {

    public Configuration {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(parameters, "parameters");
    }

    /** Whether a learner of this configuration can start from the state of one of {@code other}'s: same hashing. */
    public boolean hashesLike(Configuration other) {
        return spec.bits() == other.spec.bits() && spec.hashSeed() == other.spec.hashSeed();
    }

    /**
     * The configuration as text, every field in a fixed order, for example
     * {@code bits=22;crosses=u*i;alpha=0.1;beta=1.0;l1=0.0;l2=0.0} (the seed is left out: a search never changes it).
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("bits=").append(spec.bits()).append(";crosses=");
        for (int i = 0; i < spec.crosses().size(); i++) {
            Cross cross = spec.crosses().get(i);
            text.append(i == 0 ? "" : ",").append(cross);
        }
        return text.append(";alpha=")
                .append(parameters.alpha())
                .append(";beta=")
                .append(parameters.beta())
                .append(";l1=")
                .append(parameters.l1())
                .append(";l2=")
                .append(parameters.l2())
                .toString();
    }

    /**
     * Writes this configuration for a saved search: {@code u8 bits | i32 hash seed | i32 crosses | crosses × cross text
     * | f64 α | f64 β | f64 λ1 | f64 λ2}.
     */
    void writeTo(DataOutput out) throws IOException {
        out.writeByte(spec.bits());
        out.writeInt(spec.hashSeed());
        out.writeInt(spec.crosses().size());
        for (Cross cross : spec.crosses()) {
            out.writeUTF(cross.toString());
        }
        out.writeDouble(parameters.alpha());
        out.writeDouble(parameters.beta());
        out.writeDouble(parameters.l1());
        out.writeDouble(parameters.l2());
    }

    /** Reads what {@link #writeTo} wrote; an impossible value is an {@link IllegalArgumentException}. */
    static Configuration readFrom(DataInput in) throws IOException {
        int bits = in.readUnsignedByte();
        int hashSeed = in.readInt();
        int count = in.readInt();
        if (count < 0 || count > 64) {
            throw new IllegalArgumentException("A saved configuration declares " + count + " crosses.");
        }
        List<Cross> crosses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            crosses.add(Cross.parse(in.readUTF()));
        }
        FeatureSpec spec = new FeatureSpec(bits, hashSeed, crosses);
        return new Configuration(
                spec, new FtrlParameters(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()));
    }
}

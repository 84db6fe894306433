package io.autoloop.retrainer.repository;

import java.util.regex.Pattern;

/**
 * The Redis keys of one model (DESIGN.md, "Redis keys"), each spelled once.
 *
 * <p>On a Redis Cluster, name the model with a hash tag (e.g. {@code {ctr}}) so that every key of the model lands in
 * one slot, which the atomic publish script needs.
 *
 * @param name the model name: letters, digits, {@code . _ - { }}
 */
public record RegistryKeys(String name) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._{}-]{1,100}");

    public RegistryKeys {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("The model name '" + name
                    + "' must be 1 to 100 letters, digits, '.', '_', '-', '{' or '}'; set retrainer.model-name.");
        }
    }

    /** {@code autoloop:model:{name}:{version}}: the model bytes ({@code ModelCodec} format). */
    public String bytes(String version) {
        return "autoloop:model:" + name + ":" + version;
    }

    /** {@code autoloop:model:{name}:{version}:meta}: the {@code ModelVersion} JSON. */
    public String meta(String version) {
        return bytes(version) + ":meta";
    }

    /** {@code autoloop:model:{name}:versions}: versions scored by creation time in epoch milliseconds. */
    public String versions() {
        return "autoloop:model:" + name + ":versions";
    }

    /** {@code autoloop:model:{name}:alias:champion}: the champion version, written by the router's controller. */
    public String champion() {
        return "autoloop:model:" + name + ":alias:champion";
    }

    /** {@code autoloop:model:{name}:gate}: the latest gate decisions as JSON, newest first. */
    public String gateDecisions() {
        return "autoloop:model:" + name + ":gate";
    }

    /** {@code autoloop:checkpoint:{name}}: the trainer state and consumed offsets. */
    public String checkpoint() {
        return "autoloop:checkpoint:" + name;
    }

    /** {@code autoloop:lease:trainer:{name}}: the id of the active trainer, with an expiry. */
    public String lease() {
        return "autoloop:lease:trainer:" + name;
    }
}

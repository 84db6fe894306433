package io.autoloop.simulator.cli;

/** A subcommand whose options, once parsed, make a {@link Mode}. */
interface ModeCommand {

    /**
     * The mode and its settings; an {@link IllegalArgumentException} with a sentence naming the option when a value is
     * out of bounds.
     *
     * @param interactive whether output goes to a terminal (sets the default progress interval)
     */
    Mode mode(boolean interactive);
}

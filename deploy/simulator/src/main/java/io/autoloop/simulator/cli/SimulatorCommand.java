package io.autoloop.simulator.cli;

import io.autoloop.simulator.run.Console;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The simulator's command line, {@code world [options]} or {@code replay-obd [options]}, parsed by picocli into a
 * {@link Mode}; its help is generated from the options, in colour only when standard output is a terminal.
 */
@Command(
        name = "java -jar autoloop-simulator.jar",
        subcommands = {WorldCommand.class, ReplayObdCommand.class, HelpCommand.class},
        synopsisSubcommandLabel = "(world | replay-obd) [OPTIONS]",
        description = "A simulated app: its users rank through the ab-router and send what they did to the"
                + " feedback-collector.",
        footer = {"", "Only loopback URLs are accepted. Ctrl-C ends the run and prints the summary."})
public final class SimulatorCommand {

    /** The exit code of a usage or input mistake. */
    public static final int USAGE = 2;

    /** Columns of the help text: wide enough that no default value is broken over two lines. */
    private static final int USAGE_WIDTH = 100;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help")
    private boolean help;

    private SimulatorCommand() {}

    /** The command line, printing its help and mistakes through {@code console}. */
    public static CommandLine commandLine(Console console) {
        CommandLine commandLine = new CommandLine(new SimulatorCommand());
        Conversions.register(commandLine);
        commandLine.setUsageHelpWidth(USAGE_WIDTH);
        commandLine.setOut(console.outWriter());
        commandLine.setErr(console.errWriter());
        commandLine.setColorScheme(Help.defaultColorScheme(console.interactive() ? Help.Ansi.AUTO : Help.Ansi.OFF));
        return commandLine;
    }

    /**
     * The mode the parsed arguments ask for.
     *
     * @param interactive whether output goes to a terminal (sets the default progress interval)
     * @throws ParameterException naming the option when no mode is named or a value is out of bounds
     */
    public static Mode mode(ParseResult parsed, boolean interactive) {
        if (!parsed.hasSubcommand()) {
            throw new ParameterException(parsed.commandSpec().commandLine(), "Name a mode: world or replay-obd.");
        }
        ParseResult mode = parsed.subcommand();
        try {
            return ((ModeCommand) mode.commandSpec().userObject()).mode(interactive);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mode.commandSpec().commandLine(), e.getMessage(), e);
        }
    }

    /** Prints {@code mistake} and the usage of the command it concerns to standard error; returns {@link #USAGE}. */
    public static int usageError(ParameterException mistake) {
        CommandLine command = mistake.getCommandLine();
        command.getErr().println(mistake.getMessage());
        UnmatchedArgumentException.printSuggestions(mistake, command.getErr());
        command.usage(command.getErr(), command.getColorScheme());
        command.getErr().flush();
        return USAGE;
    }
}

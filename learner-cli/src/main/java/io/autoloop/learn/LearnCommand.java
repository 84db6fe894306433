package io.autoloop.learn;

import io.autoloop.learner.NonFiniteUpdateException;
import io.autoloop.learner.search.LogRange;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The command line of {@code autoloop-learn}, {@code train [options] FILE} or {@code search [options] FILE}, parsed
 * and run by picocli; its help is generated from the options.
 */
@Command(
        name = "java -jar autoloop-learn.jar",
        subcommands = {TrainCommand.class, SearchCommand.class, HelpCommand.class},
        synopsisSubcommandLabel = "(train | search) [OPTIONS] FILE",
        description = "Trains Autoloop's learner (FTRL-Proximal logistic regression) on a Vowpal Wabbit text file,"
                + " or searches its configurations online, and prints the progressive log loss and AUC.")
public final class LearnCommand implements Runnable {

    /** The exit code when the learner refused an example. */
    static final int REFUSED = 1;

    /** The exit code of a usage or input mistake (picocli's own for invalid input). */
    static final int USAGE = 2;

    /** Columns of the help text: wide enough that no default value is broken over two lines. */
    private static final int USAGE_WIDTH = 110;

    @Spec
    private CommandSpec spec;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help")
    private boolean help;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name a command: train or search.");
    }

    /** The command line, printing results to {@code out} and mistakes to {@code err}. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new LearnCommand());
        commandLine.registerConverter(LogRange.class, LogRange::parse);
        commandLine.setUsageHelpWidth(USAGE_WIDTH);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setColorScheme(Help.defaultColorScheme(Help.Ansi.AUTO));
        commandLine.setExecutionExceptionHandler((exception, command, parsed) -> {
            if (exception instanceof NonFiniteUpdateException refused) {
                command.getErr().println(refused.getMessage());
                return REFUSED;
            }
            throw exception;
        });
        return commandLine;
    }
}

package io.autoloop.learn;

import java.io.PrintWriter;

/**
 * The entry point of {@code autoloop-learn}: {@code train} or {@code search} on a Vowpal Wabbit text file (options in
 * {@link LearnCommand}). Exit codes: 0 done (or help printed), 1 the learner refused an example, 2 a usage or input
 * mistake, printed with the usage.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        return LearnCommand.commandLine(out, err).execute(args);
    }
}

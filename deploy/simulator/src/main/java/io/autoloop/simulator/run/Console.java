package io.autoloop.simulator.run;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;

/**
 * The simulator's only way to the terminal: messages, the live progress line and the summary. On a terminal the
 * progress line rewrites itself in place ({@code \r}); otherwise (output piped to a file) each progress line is a new
 * line. Thread-safe.
 */
public final class Console {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private int progressWidth;

    public Console(PrintStream out, PrintStream err, boolean interactive) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    /** The process's standard streams; interactive when attached to a terminal. */
    public static Console system() {
        return new Console(System.out, System.err, System.console() != null);
    }

    /** Standard output as a writer, for text printed in one piece such as the command line's help. */
    public PrintWriter outWriter() {
        return new PrintWriter(out, true);
    }

    /** Standard error as a writer, for the command line's mistakes and usage. */
    public PrintWriter errWriter() {
        return new PrintWriter(err, true);
    }

    /** Whether progress lines rewrite themselves in place. */
    public boolean interactive() {
        return interactive;
    }

    public synchronized void info(String line) {
        endProgress();
        out.println(line);
        out.flush();
    }

    public synchronized void error(String line) {
        endProgress();
        out.flush();
        err.println(line);
        err.flush();
    }

    /** Shows the progress line, in place of the previous one on a terminal. */
    public synchronized void progress(String line) {
        if (!interactive) {
            out.println(line);
        } else {
            int pad = Math.max(0, progressWidth - line.length());
            out.print("\r" + line + " ".repeat(pad));
            progressWidth = line.length();
        }
        out.flush();
    }

    /** Ends a progress line being rewritten in place, so the next output starts on a new line. */
    public synchronized void endProgress() {
        if (progressWidth > 0) {
            out.println();
            progressWidth = 0;
        }
    }

    public synchronized void lines(List<String> lines) {
        endProgress();
        lines.forEach(out::println);
        out.flush();
    }
}

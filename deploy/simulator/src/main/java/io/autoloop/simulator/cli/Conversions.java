package io.autoloop.simulator.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/**
 * Turns option text into numbers and durations for picocli, or into a {@link TypeConversionException} whose sentence
 * says what was expected (picocli puts the option's name in front of it).
 */
final class Conversions {

    private Conversions() {}

    /** Makes every number and duration option of {@code commandLine} and its subcommands read as below. */
    static void register(CommandLine commandLine) {
        commandLine.registerConverter(Double.class, Conversions::decimal);
        commandLine.registerConverter(Double.TYPE, Conversions::decimal);
        commandLine.registerConverter(Long.class, Conversions::whole);
        commandLine.registerConverter(Long.TYPE, Conversions::whole);
        commandLine.registerConverter(Integer.class, Conversions::wholeInt);
        commandLine.registerConverter(Integer.TYPE, Conversions::wholeInt);
        commandLine.registerConverter(Duration.class, Conversions::duration);
    }

    static double decimal(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a number.");
        }
    }

    /** A whole number; underscores may group digits ({@code 10_000}). */
    static long whole(String text) {
        try {
            return Long.parseLong(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a whole number.");
        }
    }

    static int wholeInt(String text) {
        long value = whole(text);
        if (value != (int) value) {
            throw new TypeConversionException("'" + text + "' is too large.");
        }
        return (int) value;
    }

    /** {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}, a bare number of seconds, or ISO-8601. */
    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            char unit = value.charAt(value.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
            }
            double amount = Double.parseDouble(value.substring(0, value.length() - 1));
            long seconds = switch (unit) {
                case 's' -> 1;
                case 'm' -> 60;
                case 'h' -> 3600;
                case 'd' -> 86_400;
                default -> throw new NumberFormatException();
            };
            return Duration.ofMillis(Math.round(amount * seconds * 1000));
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new TypeConversionException("'" + text + "' is not a duration; write e.g. 500ms, 30s, 10m or 1h.");
        }
    }
}

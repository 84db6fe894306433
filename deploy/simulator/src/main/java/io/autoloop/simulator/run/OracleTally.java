package io.autoloop.simulator.run;

import io.autoloop.simulator.world.RankingValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums, per minute of the run, the expected clicks of the rankings served and of their oracle rankings
 * ({@link RankingValue}), over every ranking and over the rankings the router did not explore; produces the % of
 * oracle (served / oracle, a ratio of sums) per minute and for the run. Thread-safe.
 */
public final class OracleTally {

    private final Map<Long, MinuteSums> minutes = new TreeMap<>();

    /** Adds a ranking answered {@code elapsed} after the run started. */
    synchronized void add(Duration elapsed, RankingValue value, boolean explored) {
        MinuteSums sums = minutes.computeIfAbsent(elapsed.toMinutes(), minute -> new MinuteSums());
        sums.rankings++;
        sums.served += value.served();
        sums.oracle += value.oracle();
        if (!explored) {
            sums.unexploredRankings++;
            sums.unexploredServed += value.served();
            sums.unexploredOracle += value.oracle();
        }
    }

    /** The sums now, minute by minute. */
    synchronized Snapshot snapshot() {
        List<Minute> list = new ArrayList<>(minutes.size());
        minutes.forEach((minute, sums) -> list.add(new Minute(
                minute,
                new Sums(sums.rankings, sums.served, sums.oracle),
                new Sums(sums.unexploredRankings, sums.unexploredServed, sums.unexploredOracle))));
        return new Snapshot(list);
    }

    /** Rankings and their expected clicks, served and oracle. */
    public record Sums(long rankings, double served, double oracle) {

        static final Sums NONE = new Sums(0, 0, 0);

        /** Served over oracle expected clicks, in [0, 1]; NaN without any oracle click expected. */
        public double shareOfOracle() {
            return oracle > 0 ? served / oracle : Double.NaN;
        }

        Sums plus(Sums other) {
            return new Sums(rankings + other.rankings, served + other.served, oracle + other.oracle);
        }
    }

    /**
     * The rankings answered in one minute of the run.
     *
     * @param minute 0 for the run's first minute (answered 0:00:00–0:00:59), 1 for the second, …
     * @param all every ranking
     * @param unexplored the rankings the router did not explore
     */
    public record Minute(long minute, Sums all, Sums unexplored) {

        /** The share of rankings the router explored, in [0, 1]. */
        public double exploredShare() {
            return OracleTally.exploredShare(all, unexplored);
        }
    }

    /** Every minute that has rankings, in order. */
    public record Snapshot(List<Minute> minutes) {

        public Snapshot {
            minutes = List.copyOf(minutes);
        }

        /** The whole run, every ranking. */
        public Sums all() {
            return minutes.stream().map(Minute::all).reduce(Sums.NONE, Sums::plus);
        }

        /** The whole run, the rankings the router did not explore. */
        public Sums unexplored() {
            return minutes.stream().map(Minute::unexplored).reduce(Sums.NONE, Sums::plus);
        }

        /** The share of the run's rankings the router explored, in [0, 1]. */
        public double exploredShare() {
            return OracleTally.exploredShare(all(), unexplored());
        }
    }

    private static double exploredShare(Sums all, Sums unexplored) {
        return all.rankings() == 0 ? 0 : (double) (all.rankings() - unexplored.rankings()) / all.rankings();
    }

    private static final class MinuteSums {
        private long rankings;
        private double served;
        private double oracle;
        private long unexploredRankings;
        private double unexploredServed;
        private double unexploredOracle;
    }
}

package io.autoloop.collector.testing;

import static io.restassured.RestAssured.given;

/** Reads one sample of the service's Prometheus scrape ({@code /q/metrics}). */
public final class Metrics {

    private Metrics() {}

    /** The value of the sample named {@code name} with exactly the label text {@code labels} (empty: no labels), or 0 when absent. */
    public static double value(String name, String labels) {
        String prefix = labels.isEmpty() ? name + " " : name + "{" + labels + "} ";
        for (String line : given().get("/q/metrics").asString().split("\n")) {
            if (line.startsWith(prefix)) {
                return Double.parseDouble(line.substring(prefix.length()).trim());
            }
        }
        return 0;
    }
}

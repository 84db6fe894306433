package io.autoloop.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Turns an error answer (an RFC 9457 problem, or anything else) into one line for the console. */
final class ProblemText {

    private static final int MAX_LENGTH = 300;

    private ProblemText() {}

    static String of(ObjectMapper mapper, Reply reply) {
        if (!reply.answered()) {
            return reply.failure();
        }
        String text;
        try {
            JsonNode problem = mapper.readTree(reply.body());
            StringBuilder line = new StringBuilder(
                    problem.path("detail").asText(problem.path("title").asText("")));
            JsonNode errors = problem.path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                JsonNode first = errors.get(0);
                line.append(" [")
                        .append(first.path("field").asText())
                        .append(": ")
                        .append(first.path("message").asText())
                        .append(errors.size() > 1 ? " (+" + (errors.size() - 1) + " more)" : "")
                        .append(']');
            }
            text = line.toString();
        } catch (IOException | RuntimeException e) {
            text = new String(reply.body(), StandardCharsets.UTF_8);
        }
        text = "HTTP " + reply.status()
                + (text.isBlank() ? "" : ": " + text.strip().replaceAll("\\s+", " "));
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "…" : text;
    }
}

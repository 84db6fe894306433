package io.autoloop.router.service.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoloop.contracts.Arm;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.service.model.RoutingTable;
import io.autoloop.router.testing.DefaultConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class DecisionSizeTest {

    /** A pseudonymous user id as the router makes them: 64 hex characters. */
    private static final String USER_ID = "9f".repeat(32);

    /** Characters JSON writes in 1 to 6 bytes: ASCII, escaped ones, two- and three-byte ones, a surrogate pair. */
    private static final String[] PIECES = {
        "a", "Z", "7", " ", "\"", "\\", "\n", "\u0001", "é", "ш", "ユ", "\uD83D\uDE00"
    };

    private final ObjectMapper json = new ObjectMapper();
    private final List<Decision> logged = new ArrayList<>();
    private final DecisionLog decisions = new DecisionLog(null, new SimpleMeterRegistry(), 1_048_576) {
        @Override
        void log(Decision decision) {
            logged.add(decision);
        }
    };
    private final RouterConfig config = DefaultConfig.of(RouterConfig.class, Map.of());
    private final RankingService ranking =
            new RankingService(null, null, decisions, new ArmMeters(new SimpleMeterRegistry(), config), config);

    @RepeatedTest(50)
    void theBoundIsNeverBelowTheDecisionAsItIsWritten() throws Exception {
        // given a random valid request: any characters, every kind of value, repeated and null features
        long seed = System.nanoTime();
        Random random = new Random(seed);
        RankRequest request = json.treeToValue(randomRequest(random), RankRequest.class);
        RankRequestValidationTest.DEFAULTS.check(request);
        int slots = Math.min(request.limit(), request.candidates().size());

        // when it is ranked and its decision written as the decision log writes it
        ranking.rank(request, USER_ID, new RoutingTable.Assignment("ctr-1.4.0-3b1f0c2a", Arm.CHALLENGER, null));
        int written = ContractJson.write(logged.get(0)).length;

        // then the bound computed before ranking holds it
        assertThat(DecisionSize.bound(request, slots)).as("seed %d", seed).isGreaterThanOrEqualTo(written);
    }

    @Test
    void aStringIsCountedAsJsonWritesItInUtf8() {
        for (String piece : PIECES) {
            String text = piece.repeat(10);
            long written = ContractJson.write(text).length;

            assertThat(DecisionSize.stringBytes(text)).as(piece).isGreaterThanOrEqualTo(written);
        }
        assertThat(DecisionSize.stringBytes("plain")).isEqualTo(7);
    }

    @Test
    void theLargestCandidatesAreCountedForTheSlotsTheyMayTake() throws Exception {
        // given one large candidate among small ones, and one slot
        RankRequest request = json.readValue(
                "{\"userId\": \"u\", \"candidates\": [{\"itemId\": \"a\"}, {\"itemId\": \"b\", \"features\":"
                        + " {\"long\": \"" + "x".repeat(1000) + "\"}}, {\"itemId\": \"c\"}]}",
                RankRequest.class);

        // then the bound counts the large one, whichever is shown
        assertThat(DecisionSize.bound(request, 1)).isGreaterThan(1000).isLessThan(DecisionSize.bound(request, 2));
    }

    private static ObjectNode randomRequest(Random random) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode request = nodes.objectNode();
        request.put("userId", "u-" + text(random, random.nextInt(40)));
        request.set("user", features(random));
        request.set("context", features(random));
        ArrayNode candidates = request.putArray("candidates");
        int count = 1 + random.nextInt(30);
        for (int i = 0; i < count; i++) {
            ObjectNode candidate = candidates.addObject();
            candidate.put("itemId", "item-" + i + "-" + text(random, random.nextInt(20)));
            candidate.set("features", features(random));
        }
        request.put("limit", 1 + random.nextInt(40));
        return request;
    }

    private static ObjectNode features(Random random) {
        ObjectNode features = JsonNodeFactory.instance.objectNode();
        int count = random.nextInt(12);
        for (int i = 0; i < count; i++) {
            String name = random.nextInt(5) == 0 ? "id" : "f" + random.nextInt(8) + text(random, random.nextInt(6));
            switch (random.nextInt(6)) {
                case 0 -> features.put(name, value(random, random.nextInt(60)));
                case 1 -> features.put(name, random.nextBoolean());
                case 2 -> features.put(name, random.nextInt(2_000_000_001) - 1_000_000_000);
                case 3 -> features.put(name, (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(18) - 9));
                case 4 -> features.put(name, -2.2250738585072014E-308);
                default -> features.putNull(name);
            }
        }
        return features;
    }

    /** Text of {@code length} pieces for an id or a name: no control character. */
    private static String text(Random random, int length) {
        String value = value(random, length);
        return value.replace('\n', '-').replace('\u0001', '-');
    }

    /** Text of {@code length} pieces for a string value: control characters and escapes included. */
    private static String value(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }
}

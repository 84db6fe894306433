package io.autoloop.testing.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class HostileRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Endpoint RANK = Endpoint.of("rank", "POST", "/v1/rank", "app-key", "admin-key", 10_000)
            .withBody(json("{\"userId\":\"u\",\"candidates\":[{\"itemId\":\"i\",\"features\":{\"price\":9.5}}],"
                    + "\"limit\":1}"));

    private static final Endpoint ACTION = Endpoint.of(
                    "act", "POST", "/v1/experiments/{id}/{action}", "admin-key", "app-key", 10_000)
            .withPathValues("id", List.of("exp-1"))
            .withPathValues("action", List.of("pause"))
            .withQueryValues("reason", List.of("why"));

    @Test
    void theSameSeedAndIndexMakeTheSameRequest() {
        HostileRequests first = new HostileRequests(RANK, 42);
        HostileRequests again = new HostileRequests(RANK, 42);

        for (long index = 0; index < 500; index++) {
            HostileRequest a = first.request(index);
            HostileRequest b = again.request(index);
            assertThat(b.describe()).isEqualTo(a.describe());
            assertThat(b.body()).isEqualTo(a.body());
        }
    }

    @Test
    void aRunOfAThousandCarriesEveryAttackThatAppliesAndOnlyThose() {
        // given an endpoint with a body and one without a body but with path and query parameters
        // when a thousand requests of each are made
        // then every attack that applies appears, and body attacks never reach the endpoint without a body
        assertThat(attacksIn(new HostileRequests(RANK, 7), 1_000))
                .isEqualTo(EnumSet.complementOf(EnumSet.of(Attack.HOSTILE_PATH, Attack.HOSTILE_QUERY)));
        assertThat(attacksIn(new HostileRequests(ACTION, 7), 1_000))
                .containsExactlyInAnyOrder(
                        Attack.VALID,
                        Attack.WRONG_CONTENT_TYPE,
                        Attack.CREDENTIAL,
                        Attack.WRONG_METHOD,
                        Attack.HOSTILE_PATH,
                        Attack.HOSTILE_QUERY);
    }

    @Test
    void validRequestsAreTheEndpointsOwnAndAttacksChangeThem() throws IOException {
        HostileRequests requests = new HostileRequests(RANK, 3);

        for (long index = 0; index < 2_000; index++) {
            HostileRequest request = requests.request(index);
            String body = new String(request.body(), StandardCharsets.UTF_8);
            switch (request.attack()) {
                case VALID -> {
                    assertThat(JSON.readTree(body)).isEqualTo(RANK.body().orElseThrow());
                    assertThat(request.headers())
                            .extracting(h -> h.getKey() + ": " + h.getValue())
                            .containsExactly("Authorization: Bearer app-key", "Content-Type: application/json");
                    assertThat(request.target()).isEqualTo("/v1/rank");
                }
                case OVERSIZED_BODY -> assertThat(request.body().length).isGreaterThan(10_000);
                case WRONG_TYPE,
                        EXTREME_NUMBER,
                        DEEP_NESTING,
                        LONG_STRING,
                        HUGE_CONTAINER,
                        UNICODE_EDGE,
                        DUPLICATE_KEY,
                        MALFORMED_JSON,
                        INVALID_UTF8 ->
                    assertThat(request.body())
                            .as(request.describe())
                            .isNotEqualTo(RANK.body().orElseThrow().toString().getBytes(StandardCharsets.UTF_8));
                case WRONG_METHOD -> assertThat(request.method()).isNotEqualTo("POST");
                default -> {}
            }
        }
    }

    @Test
    void aDuplicatedKeyIsWrittenTwiceInTheText() {
        HostileRequests requests = new HostileRequests(RANK, 11);

        HostileRequest duplicate = LongStream.range(0, 1_000)
                .mapToObj(requests::request)
                .filter(request -> request.attack() == Attack.DUPLICATE_KEY)
                .findFirst()
                .orElseThrow();

        String body = new String(duplicate.body(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("@@raw-");
        assertThat(List.of("\"userId\"", "\"candidates\"", "\"limit\"", "\"itemId\"", "\"features\"", "\"price\""))
                .anySatisfy(name -> assertThat(body.split(java.util.regex.Pattern.quote(name), -1))
                        .hasSize(3));
    }

    @Test
    void hostilePathsReplaceAParameterAndHostileQueriesChangeTheQuery() {
        HostileRequests requests = new HostileRequests(ACTION, 5);

        for (long index = 0; index < 1_000; index++) {
            HostileRequest request = requests.request(index);
            if (request.attack() == Attack.HOSTILE_PATH) {
                assertThat(request.target()).doesNotStartWith("/v1/experiments/exp-1/pause?");
            } else if (request.attack() == Attack.HOSTILE_QUERY) {
                assertThat(request.target())
                        .startsWith("/v1/experiments/exp-1/pause?")
                        .isNotEqualTo("/v1/experiments/exp-1/pause?reason=why");
            } else {
                assertThat(request.target()).isEqualTo("/v1/experiments/exp-1/pause?reason=why");
            }
        }
    }

    private static Set<Attack> attacksIn(HostileRequests requests, int count) {
        Set<Attack> seen = EnumSet.noneOf(Attack.class);
        LongStream.range(0, count)
                .forEach(index -> seen.add(requests.request(index).attack()));
        return seen;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}

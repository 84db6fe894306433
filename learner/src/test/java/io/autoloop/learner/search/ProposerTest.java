package io.autoloop.learner.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoloop.learner.Cross;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.search.SearchSpace.Parameter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProposerTest {

    private static final Configuration START =
            new Configuration(FeatureSpec.withoutCrosses(18), FtrlParameters.defaults());

    @Test
    void everyProposalIsOneMoveAwayInsideTheSpaceWithThreeSignificantDigits() {
        // given the default space with three namespaces and bits from 16 to 20
        SearchSpace space =
                new SearchSpace(SearchSpace.defaults(18, List.of()).ranges(), 16, 20, List.of("u", "i", "c"));
        Proposer proposer = new Proposer(space, 0.25, new SearchRandom(3));

        // when a thousand proposals are drawn around the start
        List<Configuration> proposals = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            proposals.add(proposer.propose(START, Set.of()).orElseThrow());
        }

        // then each changes one kind of thing: the parameters, one cross, or the bits by one
        assertThat(proposals).allSatisfy(proposal -> {
            space.requireContains(proposal);
            boolean parameters = !proposal.parameters().equals(START.parameters());
            boolean crosses = !proposal.spec().crosses().equals(START.spec().crosses());
            boolean bits = proposal.spec().bits() != START.spec().bits();
            assertThat(List.of(parameters, crosses, bits)).containsOnlyOnce(true);
            assertThat(proposal.spec().crosses()).hasSizeLessThanOrEqualTo(1);
            assertThat(Math.abs(proposal.spec().bits() - 18)).isLessThanOrEqualTo(1);
            for (Parameter parameter : space.ranges().keySet()) {
                double value = parameter.of(proposal.parameters());
                assertThat(new BigDecimal(value).round(new MathContext(3)).doubleValue())
                        .isEqualTo(value);
            }
        });
        // and the kinds come in about the proportions 2 : 1 : 1
        long parameterMoves = proposals.stream()
                .filter(proposal -> !proposal.parameters().equals(START.parameters()))
                .count();
        assertThat(parameterMoves).isBetween(440L, 560L);
    }

    @Test
    void theNextParameterMoveFromTheSameChampionGoesTheOppositeWay() {
        // given a space of α alone, from α = 0.1 in the middle of 0.01..1
        SearchSpace space = new SearchSpace(Map.of(Parameter.ALPHA, SearchSpace.DEFAULT_ALPHA), 18, 18, List.of());
        Proposer proposer = new Proposer(space, 0.25, new SearchRandom(5));

        // when two proposals are drawn
        double first =
                proposer.propose(START, Set.of()).orElseThrow().parameters().alpha();
        double second =
                proposer.propose(START, Set.of()).orElseThrow().parameters().alpha();

        // then one is α · 10^0.5 and the other α / 10^0.5 (a quarter of two decades), to three digits
        assertThat(List.of(first, second)).containsExactlyInAnyOrder(0.316, 0.0316);
    }

    @Test
    void aPenaltyThatIsOffTurnsOnNearTheLowerEndOrStaysOff() {
        SearchSpace space = new SearchSpace(Map.of(Parameter.L1, SearchSpace.DEFAULT_L1), 18, 18, List.of());
        Proposer proposer = new Proposer(space, 0.25, new SearchRandom(9));

        Configuration on = proposer.propose(START, Set.of()).orElseThrow();

        // one dimension: the direction is +1 or −1; from 0 (position 0) only +1 moves, to 0.01 · 1000^0.25
        assertThat(on.parameters().l1()).isCloseTo(0.0562, within(1e-12));
        // and every other move stays at 0, the champion's own value: nothing new is left to propose
        assertThat(proposer.propose(START, Set.of(on))).isEmpty();
    }

    @Test
    void aCrossMoveAddsAMissingCrossOrRemovesAPresentOne() {
        SearchSpace space = new SearchSpace(Map.of(), 18, 18, List.of("u", "i"));
        Proposer proposer = new Proposer(space, 0.25, new SearchRandom(1));
        Configuration crossed =
                new Configuration(new FeatureSpec(18, 0, List.of(new Cross("u", "i"))), FtrlParameters.defaults());

        assertThat(proposer.propose(START, Set.of()).orElseThrow()).isEqualTo(crossed);
        assertThat(proposer.propose(crossed, Set.of()).orElseThrow()).isEqualTo(START);
        assertThat(proposer.propose(START, Set.of(crossed))).isEmpty();
    }
}

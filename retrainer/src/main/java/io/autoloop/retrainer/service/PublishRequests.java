package io.autoloop.retrainer.service;

import io.autoloop.retrainer.domain.GateDecision;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * The admin's requests for a candidate now, handed from the request threads to the training thread: consumes the
 * actor of each request and produces, once the training thread has judged it, its {@link GateDecision} (or the
 * failure that prevented one).
 *
 * <p>Thread-safe: {@link #add} is called from any thread, {@link #answerAll} and {@link #failAll} from the training
 * thread.
 */
@ApplicationScoped
public class PublishRequests {

    private final BlockingQueue<Request> waiting = new LinkedBlockingQueue<>();

    /** Queues a request of {@code actor}; the future completes when the training thread has answered it. */
    public CompletableFuture<GateDecision> add(String actor) {
        Request request = new Request(actor, new CompletableFuture<>());
        waiting.add(request);
        return request.decision();
    }

    /**
     * Answers every waiting request in the order they came, each with the decision {@code judge} takes for its actor.
     * When {@code judge} fails, that request fails with the same exception, which is rethrown; later requests keep
     * waiting.
     *
     * @return the decisions taken, in order; empty when no request was waiting
     */
    public List<GateDecision> answerAll(Function<String, GateDecision> judge) {
        List<GateDecision> decisions = new ArrayList<>();
        for (Request request = waiting.poll(); request != null; request = waiting.poll()) {
            try {
                GateDecision decision = judge.apply(request.actor());
                decisions.add(decision);
                request.decision().complete(decision);
            } catch (RuntimeException e) {
                request.decision().completeExceptionally(e);
                throw e;
            }
        }
        return decisions;
    }

    /** Fails every waiting request with {@code cause}. */
    public void failAll(RuntimeException cause) {
        for (Request request = waiting.poll(); request != null; request = waiting.poll()) {
            request.decision().completeExceptionally(cause);
        }
    }

    private record Request(String actor, CompletableFuture<GateDecision> decision) {}
}

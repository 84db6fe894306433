package io.autoloop.router.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The wellness check {@code redis} ({@code /q/health/well}, never readiness): consumes a {@code PING}'s answer within
 * {@code quarkus.redis.timeout} and produces UP, or DOWN with the error and what the router does meanwhile. Ranking
 * needs no Redis call: without it the router serves the models it loaded, so Redis' health must not take it out of
 * its load balancer.
 */
@Wellness
@ApplicationScoped
public class RedisWellness implements AsyncHealthCheck {

    static final String NAME = "redis";

    private final Redis redis;
    private final Duration timeout;

    RedisWellness(Redis redis, @ConfigProperty(name = "quarkus.redis.timeout") Duration timeout) {
        this.redis = redis;
        this.timeout = timeout;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.send(Request.cmd(Command.PING))
                .ifNoItem()
                .after(timeout)
                .fail()
                .map(pong -> HealthCheckResponse.up(NAME))
                .onFailure()
                .recoverWithItem(error -> HealthCheckResponse.named(NAME)
                        .down()
                        .withData("error", String.valueOf(error.getMessage()))
                        .withData(
                                "meanwhile",
                                "Ranking goes on with the models loaded; experiments, aliases and new versions wait"
                                        + " for Redis.")
                        .build());
    }
}

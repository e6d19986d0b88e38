package io.qwengateway.pool;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.http.HttpStatus;

import io.qwengateway.errors.ApiException;

/**
 * The answers of a pool that cannot take a request, each naming what the client (or the operator) can do. They are
 * {@link ApiException}s, so every protocol renders them in its own envelope, with {@code Retry-After} when there is
 * a time to come back.
 */
final class PoolErrors {

    private PoolErrors() {
    }

    static ApiException unknownPin(String name, PoolMember[] all) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_request_error", "unknown_upstream", null,
                Routing.PIN_HEADER + " names no upstream of this gateway: '" + name + "'. Its upstreams: "
                        + Stream.of(all).map(PoolMember::name).collect(Collectors.joining(", ")) + ".", null);
    }

    static ApiException pinnedElsewhere(PoolMember pinned, String model) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_request_error", "model_not_found", "model",
                "The upstream '" + pinned.name() + "' (" + Routing.PIN_HEADER + ") does not serve the model '" + model
                        + "'; it serves " + pinned.models() + ".", null);
    }

    static ApiException modelNotServed(String model) {
        return ApiException.notFound("model_not_found", "The model '" + model + "' does not exist or you do not have "
                + "access to it: no upstream of this gateway serves it (GET /v1/models lists what they serve).");
    }

    /**
     * Every upstream that serves the model is set aside: 429 with {@code Retry-After} of the earliest return when
     * one will come back by itself, 503 when all are disabled.
     */
    static ApiException unavailable(List<PoolMember> serving, String model,
            Function<PoolMember, Optional<Cooldown>> cooldownOf, Instant now) {
        Instant earliest = null;
        List<String> states = new ArrayList<>();
        for (PoolMember member : serving) {
            Optional<Cooldown> cooldown = cooldownOf.apply(member);
            states.add(member.name() + " " + cooldown.map(c -> describe(c)).orElse("is busy"));
            Instant until = cooldown.map(Cooldown::until).orElse(null);
            if (until != null && (earliest == null || until.isBefore(earliest))) {
                earliest = until;
            }
        }
        String what = model == null ? "this request" : "'" + model + "'";
        String message = "No upstream can serve " + what + " now: " + String.join("; ", states) + ".";
        if (earliest == null) {
            return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "server_error", "upstreams_unavailable", null,
                    message + " An operator must act (a new login, a working key, or POST "
                            + "/admin/upstreams/{name}/enable).", null);
        }
        Duration wait = Duration.between(now, earliest);
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "requests", "upstreams_cooling_down", null,
                message + " Retry after " + earliest.truncatedTo(ChronoUnit.SECONDS) + ".",
                wait.isNegative() ? Duration.ZERO : wait);
    }

    /** Every candidate is at its {@code rpm} limit for longer than the request may wait. */
    static ApiException rateLimited(PoolMember[] waiting, String model, UpstreamPool pool) {
        Duration soonest = null;
        List<String> limits = new ArrayList<>();
        for (PoolMember member : waiting) {
            if (member != null) {
                Duration wait = pool.untilNextPermit(member);
                soonest = soonest == null || wait.compareTo(soonest) < 0 ? wait : soonest;
                limits.add(member.name() + " (" + pool.rpm(member) + "/min)");
            }
        }
        String what = model == null ? "this request" : "'" + model + "'";
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "requests", "rate_limit_exceeded", null,
                "The gateway's request limit (rpm) is reached for every upstream that serves " + what + ": "
                        + String.join(", ", limits) + ".", soonest);
    }

    private static String describe(Cooldown cooldown) {
        String why = cooldown.message() == null || cooldown.message().isBlank() ? ""
                : ": " + cooldown.message();
        return switch (cooldown.reason()) {
            case DISABLED -> "is disabled" + why;
            case DEAD -> "is disabled (its credential is refused" + why + ")";
            default -> "is set aside until " + cooldown.until().truncatedTo(ChronoUnit.SECONDS) + " ("
                    + cooldown.reason().wireName() + why + ")";
        };
    }
}

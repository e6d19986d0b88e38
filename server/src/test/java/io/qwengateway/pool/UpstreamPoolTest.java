package io.qwengateway.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import io.qwengateway.credentials.ApiKeyCredentialSource;
import io.qwengateway.credentials.ApiKeyProperties;
import io.qwengateway.credentials.OAuthCredentials;
import io.qwengateway.errors.ApiException;
import io.qwengateway.support.MutableClock;

class UpstreamPoolTest {

    private final MutableClock clock = MutableClock.startingNow();
    private final AtomicLong nanos = new AtomicLong();

    private static PoolMember member(String name, int weight) {
        return new PoolMember(name, UpstreamKind.API_KEY,
                new ApiKeyCredentialSource(new ApiKeyProperties("sk-" + name, "http://" + name + ".test/v1", Map.of())),
                ModelSet.ALL, weight, Map.of(), null);
    }

    private static PoolProperties properties(RoutingStrategy strategy, int maxFailovers, boolean loneUpstream) {
        return new PoolProperties(strategy, maxFailovers, Duration.ZERO,
                new PoolProperties.Affinity(true, Duration.ofMinutes(5), 100),
                new PoolProperties.Cooldowns("00:00", ZoneOffset.UTC, Duration.ofSeconds(1), Duration.ofMinutes(30), 3,
                        Duration.ofSeconds(60), loneUpstream, false),
                Map.of(), null);
    }

    private UpstreamPool pool(RoutingStrategy strategy, List<PoolMember> members, Map<String, Integer> rpm,
            Function<Path, PoolMember> newAccounts) {
        return new UpstreamPool(members, properties(strategy, 2, false), LocalCooldownStore.inMemory(),
                new LocalSessionAffinity(Duration.ofMinutes(5), 100),
                new LocalRateLimits(rpm, Duration.ZERO, nanos::get), clock, newAccounts);
    }

    private UpstreamPool pool(RoutingStrategy strategy, PoolMember... members) {
        return pool(strategy, List.of(members), Map.of(), null);
    }

    /** The upstreams a request would try, in order. */
    private static List<String> tries(UpstreamPool pool, Routing routing) {
        Route route = pool.route(routing);
        List<String> names = new ArrayList<>();
        for (PoolMember member = route.next(); member != null; member = route.next()) {
            names.add(member.name());
        }
        return names;
    }

    @Test
    void roundRobinStartsOneFurtherEachTimeAndFailsOverInPoolOrder() {
        UpstreamPool pool = pool(RoutingStrategy.ROUND_ROBIN, member("a", 1), member("b", 1), member("c", 1));

        assertThat(tries(pool, Routing.ANY)).containsExactly("a", "b", "c");
        assertThat(tries(pool, Routing.ANY)).containsExactly("b", "c", "a");
        assertThat(tries(pool, Routing.ANY)).containsExactly("c", "a", "b");
    }

    @Test
    void weightedStartsByWeight() {
        UpstreamPool pool = pool(RoutingStrategy.WEIGHTED, member("a", 2), member("b", 1));
        List<String> firsts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            firsts.add(pool.route(Routing.ANY).next().name());
        }

        assertThat(firsts).containsExactly("a", "a", "b", "a", "a", "b");
    }

    @Test
    void maxFailoversBoundsTheTries() {
        UpstreamPool pool = new UpstreamPool(List.of(member("a", 1), member("b", 1), member("c", 1)),
                properties(RoutingStrategy.FILL_FIRST, 1, false), LocalCooldownStore.inMemory(),
                new LocalSessionAffinity(Duration.ofMinutes(5), 100),
                new LocalRateLimits(Map.of(), Duration.ZERO, nanos::get), clock, null);

        assertThat(tries(pool, Routing.ANY)).containsExactly("a", "b");
    }

    @Test
    void anUpstreamSetAsideIsSkippedUntilItsCooldownEnds() {
        UpstreamPool pool = pool(RoutingStrategy.FILL_FIRST, member("a", 1), member("b", 1));
        PoolMember a = pool.member("a").orElseThrow();

        pool.failed(a, FailureEffect.THROTTLED, null, Duration.ofSeconds(10), "rate_limit_exceeded", "slow down");

        assertThat(tries(pool, Routing.ANY)).containsExactly("b");
        clock.advance(Duration.ofSeconds(10));
        assertThat(tries(pool, Routing.ANY)).containsExactly("a", "b");
    }

    @Test
    void aClientMistakeLeavesTheUpstreamAlone() {
        UpstreamPool pool = pool(RoutingStrategy.FILL_FIRST, member("a", 1), member("b", 1));
        PoolMember a = pool.member("a").orElseThrow();

        pool.failed(a, FailureEffect.NONE, null, null, "context_length_exceeded", "too long");

        assertThat(pool.stateOf(a).ok()).isTrue();
        assertThat(a.failures()).isZero();
    }

    @Test
    void aLoneUpstreamIsNeverSetAsideButTheOperatorCanDisableIt() {
        UpstreamPool pool = pool(RoutingStrategy.ROUND_ROBIN, member("only", 1));
        PoolMember only = pool.member("only").orElseThrow();

        pool.failed(only, FailureEffect.QUOTA_SPENT, QuotaWindow.DAY, null, "insufficient_quota", "spent");
        pool.failed(only, FailureEffect.DEAD, null, null, "upstream_credentials_unusable", "refused");

        assertThat(tries(pool, Routing.ANY)).containsExactly("only");
        assertThat(pool.stateOf(only).ok()).isTrue();
        pool.disable(only, "maintenance");
        ApiException refused = catchThrowableOfType(ApiException.class, () -> pool.route(Routing.ANY));
        assertThat(refused.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(refused.getMessage()).contains("only is disabled: maintenance");
    }

    @Test
    void aSessionStartsWhereItWasServedWhileThatUpstreamCanTakeIt() {
        UpstreamPool pool = pool(RoutingStrategy.ROUND_ROBIN, member("a", 1), member("b", 1), member("c", 1));
        Routing session = new Routing(null, "session-1", null);
        pool.succeeded(pool.member("b").orElseThrow(), session);

        assertThat(tries(pool, session).get(0)).isEqualTo("b");
        assertThat(tries(pool, session).get(0)).isEqualTo("b");
        pool.disable(pool.member("b").orElseThrow(), "off");
        assertThat(tries(pool, session)).doesNotContain("b");
    }

    @Test
    void theUpstreamsAtTheirRpmLimitPassTheRequestOnAndWhenAllAreTheAnswerIs429WithRetryAfter() {
        UpstreamPool pool = pool(RoutingStrategy.FILL_FIRST, List.of(member("a", 1), member("b", 1)),
                Map.of("a", 1, "b", 1), null);

        assertThat(pool.route(Routing.ANY).next().name()).isEqualTo("a");
        assertThat(pool.route(Routing.ANY).next().name()).isEqualTo("b");
        Route third = pool.route(Routing.ANY);
        assertThat(third.next()).isNull();
        ApiException refusal = third.refusal();
        assertThat(refusal.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refusal.code()).isEqualTo("rate_limit_exceeded");
        assertThat(refusal.retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isPositive()
                .isLessThanOrEqualTo(Duration.ofMinutes(1)));
        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(pool.route(Routing.ANY).next().name()).as("a new minute").isEqualTo("a");
    }

    @Test
    void aModelNoUpstreamServesIsNotFoundAndAPinnedUpstreamMustServeIt() {
        PoolMember coder = new PoolMember("coder", UpstreamKind.API_KEY,
                new ApiKeyCredentialSource(new ApiKeyProperties("sk-x", "http://x.test/v1", Map.of())),
                ModelSet.of(List.of("coder-model")), 1, Map.of(), null);
        UpstreamPool pool = pool(RoutingStrategy.ROUND_ROBIN, coder, member("any", 1));

        assertThat(tries(pool, Routing.forModel("coder-model"))).hasSize(2);
        assertThat(tries(pool, Routing.forModel("other"))).containsExactly("any");
        assertThat(catchThrowableOfType(ApiException.class,
                () -> pool.route(new Routing("other", null, "coder"))).code()).isEqualTo("model_not_found");
        UpstreamPool narrow = pool(RoutingStrategy.ROUND_ROBIN, coder);
        assertThat(catchThrowableOfType(ApiException.class, () -> narrow.route(Routing.forModel("other")))
                .status()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aLoginToANewAccountJoinsAPoolMadeOfTheAccountsFound() {
        List<Path> asked = new ArrayList<>();
        UpstreamPool pool = pool(RoutingStrategy.ROUND_ROBIN, List.of(member("default", 1)), Map.of(), file -> {
            asked.add(file);
            return member("work", 1);
        });
        UpstreamPool fixed = pool(RoutingStrategy.ROUND_ROBIN, member("default", 1));
        OAuthCredentials login = new OAuthCredentials("t", "r", "Bearer", "portal.qwen.ai", 1L);

        assertThat(pool.adoptNewLogin(Path.of("/home/q/.qwen/oauth_creds_work.json"), login)).isTrue();
        assertThat(pool.members().stream().map(PoolMember::name)).containsExactly("default", "work");
        assertThat(fixed.adoptNewLogin(Path.of("/home/q/.qwen/oauth_creds_work.json"), login)).isFalse();
        assertThat(asked).hasSize(1);
    }
}

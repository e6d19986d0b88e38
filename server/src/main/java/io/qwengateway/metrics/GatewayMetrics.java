package io.qwengateway.metrics;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.qwengateway.pool.PoolMember;
import io.qwengateway.pool.UpstreamPool;
import io.qwengateway.pool.UpstreamState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.qwengateway.api.model.Model;
import io.qwengateway.models.ModelCatalog;
import io.qwengateway.observe.DropsWork;
import io.qwengateway.observe.ExchangeObserver;
import io.qwengateway.observe.ExchangeRecord;
import io.qwengateway.observe.Exchanges;
import io.qwengateway.observe.Usage;
import io.qwengateway.tokens.LimitsProperties;

/**
 * The gateway's Micrometer meters, scraped at {@code /actuator/prometheus} (names in Prometheus form in
 * docs/metrics.md): requests, latencies, tokens, active streams, dropped observer work, upstream states; retries,
 * refreshes and failovers come from {@link UpstreamEvents}. An observer of every exchange. Models outside the
 * catalogue and the limits are counted as {@code other}: a client could otherwise make a new time series per name.
 * The meters of each combination of tags are looked up once and kept, so an exchange costs a map lookup and a few
 * increments. {@code gateway.metrics.enabled: false} switches them off (Actuator's own meters stay).
 */
@Component
@ConditionalOnBooleanProperty(name = "gateway.metrics.enabled", matchIfMissing = true)
public class GatewayMetrics implements ExchangeObserver {

    static final String OTHER_MODEL = "other";
    private static final Duration MIN_LATENCY = Duration.ofMillis(1);
    private static final Duration MAX_LATENCY = Duration.ofMinutes(10);

    private final MeterRegistry registry;
    private final Set<String> knownModels = new HashSet<>();
    private final Map<Key, Meters> meters = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry, ModelCatalog models, LimitsProperties limits, Exchanges exchanges,
            List<DropsWork> droppers, UpstreamPool pool) {
        this.registry = registry;
        models.list().stream().map(Model::getId).forEach(knownModels::add);
        knownModels.addAll(limits.models().keySet());
        Gauge.builder("qwen.gateway.streams.active", exchanges, Exchanges::activeStreams)
                .description("Streams being relayed now").register(registry);
        for (DropsWork dropper : droppers) {
            FunctionCounter.builder("qwen.gateway.observer.dropped", dropper, DropsWork::dropped)
                    .description("Observer work dropped rather than wait (a full queue)")
                    .tag("observer", dropper.droppedKind()).register(registry);
        }
        // The upstreams of the pool as it started (an account logged in later is counted from the next start).
        for (PoolMember member : pool.members()) {
            for (String state : List.of(UpstreamState.OK, UpstreamState.COOLING, UpstreamState.DISABLED)) {
                Gauge.builder("qwen.gateway.upstream.state", member,
                                served -> state.equals(pool.stateOf(served).state()) ? 1 : 0)
                        .description("1 for the state the upstream is in (ok, cooling, disabled), 0 for the others")
                        .tags("upstream", member.name(), "state", state).register(registry);
            }
        }
    }

    @Override
    public void observe(ExchangeRecord exchange) {
        String model = exchange.model() == null ? "none" : knownModels.contains(exchange.model()) ? exchange.model()
                : OTHER_MODEL;
        Meters meters = this.meters.computeIfAbsent(new Key(exchange.protocol(), exchange.endpoint(), model,
                exchange.upstream(), exchange.stream(), exchange.status(), exchange.outcome()), this::meters);
        meters.requests.increment();
        meters.latency.record(exchange.latencyNanos(), TimeUnit.NANOSECONDS);
        meters.overhead.record(exchange.overheadNanos(), TimeUnit.NANOSECONDS);
        if (exchange.upstreamNanos() >= 0) {
            meters.upstreamLatency.record(exchange.upstreamNanos(), TimeUnit.NANOSECONDS);
        }
        if (exchange.firstTokenNanos() >= 0) {
            meters.firstToken.record(exchange.firstTokenNanos(), TimeUnit.NANOSECONDS);
        }
        Usage usage = exchange.usage();
        if (usage != null) {
            meters.inputTokens.increment(usage.prompt());
            meters.outputTokens.increment(usage.completion());
            meters.cachedTokens.increment(usage.cached());
            meters.reasoningTokens.increment(usage.reasoning());
        }
    }

    private Meters meters(Key key) {
        Tags route = Tags.of("protocol", key.protocol, "endpoint", key.endpoint, "model", key.model, "upstream",
                key.upstream, "stream", Boolean.toString(key.stream));
        Tags tokens = Tags.of("model", key.model, "upstream", key.upstream);
        return new Meters(
                Counter.builder("qwen.gateway.requests").description("Model requests by route and outcome")
                        .tags(route).tags("status", Integer.toString(key.status), "outcome", key.outcome.label())
                        .register(registry),
                histogram("qwen.gateway.request.duration", "From the request's arrival to its last byte", route),
                histogram("qwen.gateway.upstream.duration", "From the first send upstream to the upstream's last byte",
                        route),
                histogram("qwen.gateway.overhead", "The request's duration minus the upstream's", route),
                histogram("qwen.gateway.time.to.first.token", "From a stream's arrival to its first generated token",
                        route),
                tokens("input", tokens), tokens("output", tokens), tokens("cached", tokens),
                tokens("reasoning", tokens));
    }

    private Timer histogram(String name, String description, Tags tags) {
        return Timer.builder(name).description(description).tags(tags).publishPercentileHistogram()
                .minimumExpectedValue(MIN_LATENCY).maximumExpectedValue(MAX_LATENCY).register(registry);
    }

    private Counter tokens(String kind, Tags tags) {
        return Counter.builder("qwen.gateway.tokens").baseUnit("tokens")
                .description("Tokens the upstream reported: input (prompt), output (completion), cached, reasoning")
                .tags(tags).tag("kind", kind).register(registry);
    }

    /**
     * Looked up at every exchange. Its equals and hashCode are written out: the record's generated ones ran as chains
     * of method handles that the JIT did not inline, 1.9 % of a warm request's CPU samples (docs/performance.md).
     */
    record Key(String protocol, String endpoint, String model, String upstream, boolean stream, int status,
            ExchangeRecord.Outcome outcome) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && stream == key.stream && status == key.status && outcome == key.outcome
                    && Objects.equals(model, key.model) && Objects.equals(upstream, key.upstream)
                    && Objects.equals(endpoint, key.endpoint) && Objects.equals(protocol, key.protocol);
        }

        @Override
        public int hashCode() {
            int hash = Objects.hashCode(protocol);
            hash = 31 * hash + Objects.hashCode(endpoint);
            hash = 31 * hash + Objects.hashCode(model);
            hash = 31 * hash + Objects.hashCode(upstream);
            hash = 31 * hash + Boolean.hashCode(stream);
            hash = 31 * hash + status;
            return 31 * hash + Objects.hashCode(outcome);
        }
    }

    private record Meters(Counter requests, Timer latency, Timer upstreamLatency, Timer overhead, Timer firstToken,
            Counter inputTokens, Counter outputTokens, Counter cachedTokens, Counter reasoningTokens) {
    }
}

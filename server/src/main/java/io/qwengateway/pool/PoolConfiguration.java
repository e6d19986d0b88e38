package io.qwengateway.pool;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;

import io.qwengateway.cluster.SharedState;
import io.qwengateway.config.GatewayDirectories;
import io.qwengateway.credentials.ApiKeyProperties;
import io.qwengateway.credentials.QwenOAuthClient;
import io.qwengateway.credentials.QwenOAuthProperties;
import io.qwengateway.credentials.SharedRefreshProperties;
import io.qwengateway.credentials.SharedRefreshes;
import io.qwengateway.upstream.UpstreamProperties;
import tools.jackson.databind.ObjectMapper;

/**
 * The pool the gateway serves from ({@link PoolAssembly} makes its upstreams), with the local implementations of
 * its state: cooldowns in memory and in {@code cooldowns.json}, session affinity and {@code rpm} limits in memory.
 * With Redis ({@code REDIS_URL}) the replicas share that state, each keeping the local implementations as its view
 * and its fallback (docs/scale-out.md).
 */
@Configuration(proxyBeanMethods = false)
public class PoolConfiguration {

    static final String COOLDOWNS_FILE = "cooldowns.json";

    @Bean(destroyMethod = "close")
    UpstreamPool upstreamPool(UpstreamDefinitions definitions, PoolShortcuts shortcuts, PoolProperties properties,
            UpstreamProperties upstream, ApiKeyProperties apiKey, QwenOAuthProperties oauth,
            @Value("${gateway.credentials.source:auto}") String source, Environment environment,
            QwenOAuthClient oauthClient, Clock clock, ObjectMapper json, GatewayDirectories directories,
            ObjectProvider<SharedRefreshes> sharedRefreshes, SharedRefreshProperties sharedRefreshSettings,
            ObjectProvider<SharedState> sharedState, ConfigurableApplicationContext context) {
        PoolAssembly assembly = new PoolAssembly(definitions, shortcuts, properties, upstream.headers(), apiKey, oauth,
                source.strip(), environment, oauthClient, clock, json,
                sharedRefreshes.getIfAvailable(() -> SharedRefreshes.ALONE), sharedRefreshSettings);
        List<PoolMember> members = assembly.members();
        Set<String> names = new HashSet<>();
        members.forEach(member -> names.add(member.name()));
        Path file = directories.data().resolve(COOLDOWNS_FILE);
        CooldownStore cooldowns = properties.cooldowns().persist()
                ? LocalCooldownStore.persistedIn(file, json, names, clock.instant())
                : LocalCooldownStore.inMemory();
        SessionAffinity affinity = new LocalSessionAffinity(properties.affinity().ttl(),
                properties.affinity().maxEntries());
        RateLimits rateLimits = new LocalRateLimits(assembly.rpm(), properties.rateLimitWait(), nanoTime(clock));
        SharedState shared = sharedState.getIfAvailable();
        if (shared != null) {
            RedisCooldownStore sharedCooldowns = new RedisCooldownStore(shared, cooldowns, json, clock)
                    .syncEvery(properties.sharedRefresh());
            // The Redis client stops with the context's lifecycle beans, before the pool is closed: stop reading first.
            context.addApplicationListener(event -> {
                if (event instanceof ContextClosedEvent) {
                    sharedCooldowns.stopSyncing();
                }
            });
            cooldowns = sharedCooldowns;
            affinity = new RedisSessionAffinity(shared, affinity, properties.affinity(), properties.sharedRefresh());
            rateLimits = new RedisRateLimits(shared, rateLimits, assembly.rpm(), properties.rateLimitWait());
        }
        UpstreamPool pool = new UpstreamPool(members, properties, cooldowns, affinity, rateLimits, clock,
                assembly.discoversAccounts() ? assembly::oauthAccount : null);
        assembly.disabledInConfiguration().forEach((name, key) -> pool.member(name).ifPresent(member -> {
            if (pool.cooldownOf(member).filter(c -> c.reason() == Cooldown.Reason.DISABLED).isEmpty()) {
                pool.disable(member, "disabled in the configuration (" + key + ")");
            }
        }));
        return pool;
    }

    /** The limiters count minutes on the gateway's clock when it is not the system's (a test moves it by hand). */
    private static Supplier<Long> nanoTime(Clock clock) {
        return clock.equals(Clock.systemUTC()) ? System::nanoTime : () -> clock.millis() * 1_000_000L;
    }
}

package io.qwengateway.pool;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qwengateway.credentials.CredentialSource;
import io.qwengateway.credentials.LoginAdopter;
import io.qwengateway.credentials.OAuthCredentials;
import io.qwengateway.credentials.QwenOAuthCredentialSource;
import io.qwengateway.errors.ApiException;

/**
 * The upstreams the gateway serves from, and the choice among them for each request: the enabled upstreams that
 * serve the requested model and are not set aside, a pinned one ({@code X-Qwen-Upstream}) or the session's one first,
 * then the strategy's pick, then the others in pool order for the failovers. Hears what each answer meant
 * ({@link #succeeded}, {@link #failed}) and sets upstreams aside accordingly ({@link CooldownPolicy}).
 *
 * <p>Knows nothing of Qwen's wire: the upstream call classifies an answer into a {@link FailureEffect}, and the pool
 * acts on that. State that several gateways might one day share sits behind {@link CooldownStore},
 * {@link SessionAffinity} and {@link RateLimits}; the routing itself is a few array reads per request.
 */
public class UpstreamPool implements LoginAdopter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UpstreamPool.class);

    private final PoolProperties properties;
    private final CooldownStore cooldowns;
    private final SessionAffinity affinity;
    private final RateLimits rateLimits;
    private final Clock clock;
    private final CooldownPolicy policy;
    /** Builds an upstream for a credentials file that a login adds to {@code QWEN_HOME}; null: the list is fixed. */
    private final Function<Path, PoolMember> newOAuthAccount;
    private final AtomicLong tickets = new AtomicLong();

    private volatile PoolMember[] members;

    public UpstreamPool(List<PoolMember> members, PoolProperties properties, CooldownStore cooldowns,
            SessionAffinity affinity, RateLimits rateLimits, Clock clock, Function<Path, PoolMember> newOAuthAccount) {
        this.members = members.toArray(PoolMember[]::new);
        this.properties = properties;
        this.cooldowns = cooldowns;
        this.affinity = affinity;
        this.rateLimits = rateLimits;
        this.clock = clock;
        this.policy = new CooldownPolicy(properties.cooldowns());
        this.newOAuthAccount = newOAuthAccount;
    }

    public PoolProperties properties() {
        return properties;
    }

    public List<PoolMember> members() {
        return List.of(members);
    }

    public Optional<PoolMember> member(String name) {
        for (PoolMember member : members) {
            if (member.name().equals(name)) {
                return Optional.of(member);
            }
        }
        return Optional.empty();
    }

    public int rpm(PoolMember member) {
        return rateLimits.rpm(member.name());
    }

    /** Whether some upstream serves {@code model} (set aside or not). */
    public boolean serves(String model) {
        for (PoolMember member : members) {
            if (member.models().serves(model)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The upstreams to try for one request, best first. Fails at once, in words the client can act on, when the
     * pin names no upstream, no upstream serves the model, or every one that does is set aside.
     */
    public Route route(Routing routing) {
        PoolMember[] all = members;
        Instant now = clock.instant();
        boolean coolsDown = coolsDown(all);
        PoolMember[] candidates = new PoolMember[all.length];
        int count = 0;
        if (routing.pinned() != null) {
            PoolMember pinned = member(routing.pinned()).orElseThrow(() -> PoolErrors.unknownPin(routing.pinned(),
                    all));
            if (!pinned.models().serves(routing.model())) {
                throw PoolErrors.pinnedElsewhere(pinned, routing.model());
            }
            if (!available(pinned, now, coolsDown)) {
                throw PoolErrors.unavailable(List.of(pinned), routing.model(), this::cooldownOf, now);
            }
            candidates[count++] = pinned;
        } else {
            for (PoolMember member : all) {
                if (member.models().serves(routing.model()) && available(member, now, coolsDown)) {
                    candidates[count++] = member;
                }
            }
            if (count == 0) {
                throw noneAvailable(all, routing.model(), now);
            }
        }
        PoolMember[] order = new PoolMember[count];
        int first = firstOf(candidates, count, routing);
        for (int i = 0; i < count; i++) {
            order[i] = candidates[(first + i) % count];
        }
        return new Route(this, order, Math.min(count, 1 + properties.maxFailovers()), routing.model());
    }

    /** The request was answered 2xx by {@code member}. */
    public void succeeded(PoolMember member, Routing routing) {
        member.countRequest();
        member.recordSuccess();
        Cooldown cooldown = cooldowns.get(member.name());
        if (cooldown != null && !cooldown.disables() && !cooldown.activeAt(clock.instant())) {
            cooldowns.remove(member.name()); // an expired throttle: its streak ends with this success
        }
        if (routing.affinityKey() != null && properties.affinity().enabled()
                && !member.name().equals(affinity.upstreamFor(routing.affinityKey()))) {
            affinity.remember(routing.affinityKey(), member.name()); // a read is cheaper than a write, per request
        }
    }

    /**
     * {@code member} answered with a failure whose effect on the upstream is {@code effect}.
     *
     * @param window     for a spent quota, its window; else null
     * @param retryAfter the upstream's {@code Retry-After}, if it sent one
     * @param errorCode  the error's code or class, for {@code /health}
     * @param message    what happened, for {@code /health} and the answer when nothing else can serve
     */
    public void failed(PoolMember member, FailureEffect effect, QuotaWindow window, Duration retryAfter,
            String errorCode, String message) {
        member.countRequest();
        if (effect == FailureEffect.NONE) {
            return; // the client's mistake says nothing about the upstream
        }
        Instant now = clock.instant();
        int inARow = member.recordFailure(effect, errorCode, now);
        if (!coolsDown(members)) {
            return;
        }
        Cooldown cooldown = switch (effect) {
            case QUOTA_SPENT -> policy.quotaSpent(window, retryAfter, message, now);
            case THROTTLED -> policy.throttled(cooldowns.get(member.name()), retryAfter, message, now);
            case DEAD -> new Cooldown(Cooldown.Reason.DEAD, null, message, 0);
            case FAILING -> policy.failing(inARow, message, now);
            case NONE -> null;
        };
        if (cooldown != null) {
            if (effect == FailureEffect.FAILING) {
                member.resetFailures();
            }
            cooldowns.put(member.name(), cooldown);
            log.warn("Upstream {} set aside ({}{}): {}", member.name(), cooldown.reason().wireName(),
                    cooldown.until() == null ? "" : " until " + cooldown.until(), message);
        }
    }

    /** The upstream's cooldown, if it is set aside now. */
    public Optional<Cooldown> cooldownOf(PoolMember member) {
        Cooldown cooldown = cooldowns.get(member.name());
        if (cooldown == null || !cooldown.activeAt(clock.instant()) || revived(member, cooldown)
                || cooldown.reason() != Cooldown.Reason.DISABLED && !coolsDown(members)) {
            return Optional.empty();
        }
        return Optional.of(cooldown);
    }

    /** How the upstream stands now (for /health, the admin routes and the startup table). */
    public UpstreamState stateOf(PoolMember member) {
        return UpstreamState.of(cooldownOf(member).orElse(null), member.credentials().status());
    }

    /** Writes the cooldowns that are pending. */
    @Override
    public void close() {
        affinity.close();
        cooldowns.close();
    }

    /** The operator switches an upstream off: it serves nothing until enabled, over restarts too. */
    public void disable(PoolMember member, String why) {
        cooldowns.put(member.name(), new Cooldown(Cooldown.Reason.DISABLED, null, why, 0));
        log.warn("Upstream {} disabled: {}", member.name(), why);
    }

    /** Undoes {@link #disable}; a cooldown for another reason stays. */
    public void enable(PoolMember member) {
        Cooldown cooldown = cooldowns.get(member.name());
        if (cooldown != null && cooldown.reason() == Cooldown.Reason.DISABLED) {
            cooldowns.remove(member.name());
        }
        log.info("Upstream {} enabled", member.name());
    }

    /** Forgets whatever set the upstream aside, and its failures in a row: it serves the next request again. */
    public void reset(PoolMember member) {
        cooldowns.remove(member.name());
        member.resetFailures();
        log.info("Upstream {} reset", member.name());
    }

    /**
     * A login wrote a credentials file: the upstream that serves it takes the new token at once; a new account in
     * {@code QWEN_HOME} joins the pool when the pool is made of the accounts found there.
     */
    @Override
    public synchronized boolean adoptNewLogin(Path credentialsFile, OAuthCredentials credentials) {
        for (PoolMember member : members) {
            if (member.credentials().adoptNewLogin(credentialsFile, credentials)) {
                return true;
            }
        }
        if (newOAuthAccount == null) {
            return false;
        }
        PoolMember added = newOAuthAccount.apply(credentialsFile);
        if (added == null || member(added.name()).isPresent()) {
            return false;
        }
        PoolMember[] grown = Arrays.copyOf(members, members.length + 1);
        grown[members.length] = added;
        members = grown;
        log.info("Upstream {} ({}) joined the pool after a login", added.name(), credentialsFile.getFileName());
        return true;
    }

    /** A failover happens: the log says from where to where. */
    void failedOver(PoolMember from, PoolMember to) {
        log.warn("Upstream {} failed before the first byte; trying {}", from.name(), to.name());
    }

    boolean hasPermitNow(PoolMember member) {
        return rateLimits.tryAcquire(member.name());
    }

    boolean waitForPermit(PoolMember member) {
        return rateLimits.acquireWaiting(member.name());
    }

    Duration untilNextPermit(PoolMember member) {
        return rateLimits.untilNextPermit(member.name());
    }

    /** Whether {@code member} may take a request now (its rate limit apart). */
    boolean available(PoolMember member, Instant now, boolean coolsDown) {
        Cooldown cooldown = cooldowns.get(member.name());
        if (cooldown == null) {
            return true;
        }
        if (cooldown.reason() == Cooldown.Reason.DISABLED) {
            return false; // the operator's word holds even for a lone upstream
        }
        return !coolsDown || !cooldown.activeAt(now) || revived(member, cooldown);
    }

    boolean coolsDown() {
        return coolsDown(members);
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * A pool of one upstream is set aside only when configured so: there is nothing to fail over to, and the
     * upstream's own answer beats the gateway's guess at when it serves again.
     */
    private boolean coolsDown(PoolMember[] all) {
        return all.length > 1 || properties.cooldowns().loneUpstream();
    }

    /** A dead OAuth account whose file now holds a usable login (the CLI or /auth/initiate logged in again). */
    private boolean revived(PoolMember member, Cooldown cooldown) {
        if (cooldown.reason() != Cooldown.Reason.DEAD || !(member.credentials() instanceof QwenOAuthCredentialSource)
                || !member.credentials().status().usable()) {
            return false;
        }
        cooldowns.remove(member.name());
        log.info("Upstream {} is back: its credentials are usable again", member.name());
        return true;
    }

    private int firstOf(PoolMember[] candidates, int count, Routing routing) {
        if (count == 1) {
            return 0;
        }
        if (routing.affinityKey() != null && properties.affinity().enabled()) {
            String previous = affinity.upstreamFor(routing.affinityKey());
            if (previous != null) {
                for (int i = 0; i < count; i++) {
                    if (candidates[i].name().equals(previous)) {
                        return i;
                    }
                }
            }
        }
        return properties.strategy().first(candidates, count, tickets.getAndIncrement());
    }

    private ApiException noneAvailable(PoolMember[] all, String model, Instant now) {
        List<PoolMember> serving = new ArrayList<>();
        for (PoolMember member : all) {
            if (member.models().serves(model)) {
                serving.add(member);
            }
        }
        if (serving.isEmpty()) {
            return PoolErrors.modelNotServed(model);
        }
        return PoolErrors.unavailable(serving, model, this::cooldownOf, now);
    }

    /**
     * A pool of one upstream serving any model, for callers with one credential (and tests): a lone upstream is
     * never set aside, so no cooldown, affinity or rate limit setting matters here.
     */
    public static UpstreamPool single(String name, UpstreamKind kind, CredentialSource credentials,
            Map<String, String> headerProfile, Clock clock) {
        PoolProperties lone = new PoolProperties(RoutingStrategy.FILL_FIRST, 0, Duration.ZERO,
                new PoolProperties.Affinity(false, Duration.ofMinutes(1), 1),
                new PoolProperties.Cooldowns("00:00", ZoneOffset.UTC, Duration.ofSeconds(1),
                        Duration.ofMinutes(30), 3, Duration.ofMinutes(1), false, false),
                Map.of(), null);
        return new UpstreamPool(List.of(new PoolMember(name, kind, credentials, ModelSet.ALL, 1, headerProfile, null)),
                lone, LocalCooldownStore.inMemory(), new LocalSessionAffinity(Duration.ofMinutes(1), 1),
                new LocalRateLimits(Map.of(), Duration.ZERO, System::nanoTime), clock, null);
    }
}

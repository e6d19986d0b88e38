package io.qwengateway.auth;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.stereotype.Component;

import io.qwengateway.auth.LoginProgress.State;
import io.qwengateway.cluster.ConditionalOnSharedState;
import io.qwengateway.cluster.SharedState;
import io.qwengateway.upstream.HttpClientsConfiguration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Logins started over HTTP, in Redis for every replica (only with {@code REDIS_URL}): {@code /auth/initiate} on one
 * replica and {@code /auth/poll} on another. Each login is a hash that expires when its device code does, named by
 * the device code's SHA-256 (the device code is a bearer secret: it is a field, not a key name anyone listing keys
 * sees). The PKCE verifier is in it and leaves Redis only for the poller that holds the claim, never for a client.
 *
 * <p>Scripts make each step atomic: a poll <em>claims</em> the token endpoint (the interval has passed and nobody
 * else holds a claim: a fencing number and a lease longer than the OAuth call may take), and reports back the
 * stretched interval or the final state under that number. So polls on any number of replicas ask the token
 * endpoint at the login's pace, one at a time, and one replica saves the granted credentials. When Redis cannot be
 * used, a login in it answers pending until Redis is back (its state is there), and new logins stay on the replica
 * that started them.
 */
@Component
@ConditionalOnSharedState
public class SharedLogins {

    /** A claim outlives the longest token poll; a replica that dies holding one delays the login by this much. */
    static final Duration CLAIM_LEASE = HttpClientsConfiguration.OAUTH_RESPONSE_TIMEOUT.plusSeconds(15);

    private static final DefaultRedisScript<Long> PUBLISH = new DefaultRedisScript<>("""
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            redis.call('PEXPIREAT', KEYS[1], ARGV[1])
            return 1
            """, Long.class);

    /** ARGV: now, lease (ms). Answers gone, done+state, expired, wait+interval+next, or ask+interval+verifier+fence. */
    @SuppressWarnings("rawtypes")
    private static final DefaultRedisScript<List> CLAIM = new DefaultRedisScript<>("""
            local f = redis.call('HMGET', KEYS[1], 'done', 'deadline', 'interval', 'next', 'lease_until', 'verifier')
            if not f[2] then return {'gone'} end
            if f[1] then return {'done', f[1]} end
            local now = tonumber(ARGV[1])
            if now >= tonumber(f[2]) then return {'expired'} end
            local next = tonumber(f[4])
            if now < next or now < tonumber(f[5] or '0') then
              return {'wait', f[3], tostring(math.max(next, now))}
            end
            local fence = redis.call('HINCRBY', KEYS[1], 'fence', 1)
            redis.call('HSET', KEYS[1], 'lease_until', now + tonumber(ARGV[2]))
            return {'ask', f[3], f[6], tostring(fence)}
            """, List.class);

    /** ARGV: fence, interval (ms), next poll (ms). Only the claim's holder moves the login on. */
    private static final DefaultRedisScript<Long> KEEP_GOING = new DefaultRedisScript<>("""
            if redis.call('HGET', KEYS[1], 'fence') ~= ARGV[1] or redis.call('HEXISTS', KEYS[1], 'done') == 1 then
              return 0
            end
            redis.call('HSET', KEYS[1], 'interval', ARGV[2], 'next', ARGV[3])
            redis.call('HDEL', KEYS[1], 'lease_until')
            return 1
            """, Long.class);

    /**
     * ARGV: fence, final state (JSON), '1' for a success. The first final state wins, but a success always does (its
     * credentials are saved); a poller whose claim was taken over keeps nothing. Answers the state kept, or nil.
     */
    private static final DefaultRedisScript<String> FINISH = new DefaultRedisScript<>("""
            local f = redis.call('HMGET', KEYS[1], 'fence', 'done')
            if not f[1] then return ARGV[2] end
            if ARGV[3] ~= '1' then
              if f[2] then return f[2] end
              if f[1] ~= ARGV[1] then return false end
            end
            redis.call('HSET', KEYS[1], 'done', ARGV[2])
            redis.call('HDEL', KEYS[1], 'verifier', 'lease_until')
            return ARGV[2]
            """, String.class);

    private final SharedState redis;
    private final LoginProperties properties;
    private final DeviceFlowClient client;
    private final LoginCompletion completion;
    private final ObjectMapper json;
    private final Clock clock;

    public SharedLogins(SharedState redis, LoginProperties properties, DeviceFlowClient client,
            LoginCompletion completion, ObjectMapper json, Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.client = client;
        this.completion = completion;
        this.json = json;
        this.clock = clock;
    }

    /** The login kept in Redis, or empty when Redis cannot be used now (the caller keeps it locally). */
    Optional<DeviceLogin> publish(DeviceCode code, Pkce pkce, Path credentialsFile, Instant started,
            PollInterval interval) {
        Instant deadline = started.plus(code.expiresIn());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("device_code", code.deviceCode());
        fields.put("user_code", code.userCode());
        fields.put("verification_uri", code.verificationUri());
        fields.put("verification_uri_complete", code.verificationUriComplete());
        fields.put("expires_in", Long.toString(code.expiresIn().toMillis()));
        fields.put("deadline", Long.toString(deadline.toEpochMilli()));
        fields.put("file", credentialsFile.toString());
        fields.put("verifier", pkce.verifier());
        fields.put("interval", Long.toString(interval.current().toMillis()));
        fields.put("next", Long.toString(started.plus(interval.current()).toEpochMilli()));
        fields.put("fence", "0");
        List<String> arguments = new ArrayList<>();
        arguments.add(Long.toString(deadline.toEpochMilli()));
        fields.forEach((name, value) -> {
            arguments.add(name);
            arguments.add(value);
        });
        String key = key(code.deviceCode());
        Long published = redis.call(template -> template.execute(PUBLISH, List.of(key), arguments.toArray()),
                () -> null);
        return published == null ? Optional.empty()
                : Optional.of(new DeviceLogin(code, credentialsFile, deadline, new Ledger(key, interval), client,
                        completion));
    }

    /** The login with this device code that some replica started, if Redis has it (and can be asked now). */
    Optional<DeviceLogin> find(String deviceCode) {
        String key = key(deviceCode);
        Map<Object, Object> fields = redis.call(template -> template.opsForHash().entries(key), Map::of);
        if (fields.isEmpty() || !deviceCode.equals(fields.get("device_code"))) {
            return Optional.empty();
        }
        DeviceCode code = new DeviceCode(deviceCode, text(fields, "user_code"), text(fields, "verification_uri"),
                text(fields, "verification_uri_complete"), Duration.ofMillis(number(fields, "expires_in")));
        return Optional.of(new DeviceLogin(code, Path.of(text(fields, "file")),
                Instant.ofEpochMilli(number(fields, "deadline")),
                new Ledger(key, intervalOf(number(fields, "interval"))), client, completion));
    }

    private String key(String deviceCode) {
        return redis.key("login:" + Pkce.challengeOf(deviceCode));
    }

    private PollInterval intervalOf(long millis) {
        return new PollInterval(Duration.ofMillis(millis), properties.slowDownFactor(), properties.maxPollInterval());
    }

    private static String text(Map<Object, Object> fields, String name) {
        return String.valueOf(fields.get(name));
    }

    private static long number(Map<Object, Object> fields, String name) {
        return Long.parseLong(text(fields, name));
    }

    /** One login's progress in its Redis hash. */
    private final class Ledger implements LoginLedger {

        private final String key;
        /** The interval last seen, for the answer while Redis cannot be asked. */
        private volatile PollInterval lastSeen;

        Ledger(String key, PollInterval interval) {
            this.key = key;
            this.lastSeen = interval;
        }

        @Override
        public Turn claim(Instant now) {
            List<?> answer = redis.call(template -> template.execute(CLAIM, List.of(key),
                    Long.toString(now.toEpochMilli()), Long.toString(CLAIM_LEASE.toMillis())), () -> null);
            if (answer == null) {
                // Redis is away: the login's state is there, so it waits for Redis (or for its expiry).
                return Turn.answer(LoginProgress.waiting(State.PENDING, lastSeen, now.plus(lastSeen.current()), null));
            }
            String kind = String.valueOf(answer.get(0));
            switch (kind) {
                case "done":
                    return Turn.answer(fromJson(String.valueOf(answer.get(1))));
                case "expired":
                    return Turn.expired();
                case "wait":
                    lastSeen = intervalOf(Long.parseLong(String.valueOf(answer.get(1))));
                    return Turn.answer(LoginProgress.waiting(State.PENDING, lastSeen,
                            Instant.ofEpochMilli(Long.parseLong(String.valueOf(answer.get(2)))), null));
                case "ask":
                    lastSeen = intervalOf(Long.parseLong(String.valueOf(answer.get(1))));
                    String verifier = String.valueOf(answer.get(2));
                    return Turn.ask(new Pkce(verifier, Pkce.challengeOf(verifier)), lastSeen,
                            Long.parseLong(String.valueOf(answer.get(3))));
                default:
                    return Turn.answer(LoginProgress.failure(State.EXPIRED, "This login is no longer kept (its "
                            + "device code expired, or Redis lost it); start a new login."));
            }
        }

        @Override
        public void keepGoing(Turn turn, PollInterval interval, Instant nextPollAt) {
            lastSeen = interval;
            redis.call(template -> template.execute(KEEP_GOING, List.of(key), Long.toString(turn.fence()),
                    Long.toString(interval.current().toMillis()), Long.toString(nextPollAt.toEpochMilli())),
                    () -> 0L);
        }

        @Override
        public LoginProgress finish(Turn turn, LoginProgress progress) {
            if (turn.kind() == Turn.Kind.EXPIRED) {
                return progress; // the hash expires with the device code anyway
            }
            String mine = toJson(progress);
            String kept = redis.call(template -> template.execute(FINISH, List.of(key), Long.toString(turn.fence()),
                    mine, progress.state() == State.SUCCESS ? "1" : "0"), () -> mine);
            if (kept == null) { // another poller holds the claim now: the login goes on there
                return LoginProgress.waiting(State.PENDING, lastSeen, clock.instant().plus(lastSeen.current()), null);
            }
            return kept.equals(mine) ? progress : fromJson(kept);
        }

        @Override
        public PollInterval interval() {
            return lastSeen;
        }
    }

    private String toJson(LoginProgress progress) {
        ObjectNode node = json.createObjectNode();
        node.put("state", progress.state().name());
        if (progress.tokenExpiry() != null) {
            node.put("token_expiry", progress.tokenExpiry().toEpochMilli());
        }
        if (progress.savedTo() != null) {
            node.put("saved_to", progress.savedTo().toString());
        }
        if (progress.message() != null) {
            node.put("message", progress.message());
        }
        return json.writeValueAsString(node);
    }

    private LoginProgress fromJson(String text) {
        try {
            JsonNode node = json.readTree(text);
            State state = State.valueOf(node.path("state").asString());
            if (state == State.SUCCESS) {
                return LoginProgress.success(Instant.ofEpochMilli(node.path("token_expiry").asLong()),
                        Path.of(node.path("saved_to").asString()));
            }
            return LoginProgress.failure(state, node.path("message").asString());
        } catch (JacksonException | IllegalArgumentException e) {
            return LoginProgress.failure(State.REFUSED, "This login's state was written by another version of the "
                    + "gateway; start a new login.");
        }
    }
}

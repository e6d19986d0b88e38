package io.qwengateway.pool;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.qwengateway.credentials.CredentialSource;

/**
 * One upstream of the pool: what it is (name, kind, credential, models, weight, header profile) and what this process
 * has seen of it (counters, the last error, server errors in a row). Its cooldown lives in the {@link CooldownStore}.
 */
public final class PoolMember {

    private final String name;
    private final UpstreamKind kind;
    private final CredentialSource credentials;
    private final ModelSet models;
    private final int weight;
    private final Map<String, String> headerProfile;
    private final String configuredBaseUrl;

    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final LongAdder requests = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    /**
     * @param configuredBaseUrl the base URL from the configuration or preset, for the startup table and
     *                          {@code /health}; null when the credential decides (an OAuth {@code resource_url})
     */
    public PoolMember(String name, UpstreamKind kind, CredentialSource credentials, ModelSet models, int weight,
            Map<String, String> headerProfile, String configuredBaseUrl) {
        this.name = name;
        this.kind = kind;
        this.credentials = credentials;
        this.models = models;
        this.weight = weight;
        this.headerProfile = Map.copyOf(headerProfile);
        this.configuredBaseUrl = configuredBaseUrl;
    }

    public String name() {
        return name;
    }

    public UpstreamKind kind() {
        return kind;
    }

    public CredentialSource credentials() {
        return credentials;
    }

    public ModelSet models() {
        return models;
    }

    public int weight() {
        return weight;
    }

    /** The headers that identify the client to this upstream (the qwen-code CLI's by default). */
    public Map<String, String> headerProfile() {
        return headerProfile;
    }

    /** Where requests go, as far as known without a token: the configured URL, else the credential's. */
    public String baseUrl() {
        return configuredBaseUrl != null ? configuredBaseUrl : credentials.baseUrl().orElse(null);
    }

    public long requests() {
        return requests.sum();
    }

    public long failures() {
        return failures.sum();
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    void countRequest() {
        requests.increment();
    }

    /** Records a failure of this upstream; returns how many server errors or connection failures are now in a row. */
    int recordFailure(FailureEffect effect, String errorCode, Instant at) {
        failures.increment();
        lastError = errorCode;
        lastErrorAt = at;
        return effect == FailureEffect.FAILING ? failuresInARow.incrementAndGet() : failuresInARow.get();
    }

    void recordSuccess() {
        if (failuresInARow.get() != 0) {
            failuresInARow.set(0);
        }
    }

    void resetFailures() {
        failuresInARow.set(0);
    }

    @Override
    public String toString() {
        return "PoolMember[" + name + "]";
    }
}

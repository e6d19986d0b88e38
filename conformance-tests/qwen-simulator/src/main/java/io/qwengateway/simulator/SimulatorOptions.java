package io.qwengateway.simulator;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Everything fixed at start-up. {@link QwenSimulator#reset()} returns the simulator to these values.
 * Start from {@link #defaults()} and change what a test needs with the {@code with…} methods.
 *
 * @param host                where to listen
 * @param port                0 picks a free port
 * @param clientId            the OAuth client id the token endpoints insist on
 * @param accessTokenTtl      lifetime of issued access tokens ({@code expires_in})
 * @param deviceCodeTtl       lifetime of device codes ({@code expires_in} of the device-code answer)
 * @param resourceUrl         {@code resource_url} handed out with tokens; {@code null} means this simulator's own base
 *                            URL with its scheme (the real bare host would make clients use https)
 * @param responseShape       chunking and pacing of normal chat answers
 * @param acceptAnyBearer     skip the token check on the model API (benchmarks, manual trials)
 * @param apiKeys             static DashScope-style keys accepted as bearer tokens
 * @param maxRecordedRequests how many recent requests are kept for {@link QwenSimulator#recordedRequests()}
 */
public record SimulatorOptions(String host, int port, String clientId, Duration accessTokenTtl,
                               Duration deviceCodeTtl, String resourceUrl, ResponseShape responseShape,
                               boolean acceptAnyBearer, Set<String> apiKeys, int maxRecordedRequests) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String QWEN_CODE_CLIENT_ID = "f0304373b74a44d2b584a3fb70ca9e56";
    public static final Duration DEFAULT_ACCESS_TOKEN_TTL = Duration.ofHours(1);
    public static final Duration DEFAULT_DEVICE_CODE_TTL = Duration.ofMinutes(15);
    public static final int DEFAULT_MAX_RECORDED_REQUESTS = 10_000;

    public SimulatorOptions {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
        Objects.requireNonNull(deviceCodeTtl, "deviceCodeTtl");
        Objects.requireNonNull(responseShape, "responseShape");
        apiKeys = Set.copyOf(apiKeys);
        if (maxRecordedRequests < 1) {
            throw new IllegalArgumentException("maxRecordedRequests must be positive, was " + maxRecordedRequests);
        }
    }

    /** Loopback, a free port, the qwen-code client id, one-hour tokens, fifteen-minute device codes. */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(DEFAULT_HOST, 0, QWEN_CODE_CLIENT_ID, DEFAULT_ACCESS_TOKEN_TTL,
                DEFAULT_DEVICE_CODE_TTL, null, ResponseShape.DEFAULT, false, Set.of(), DEFAULT_MAX_RECORDED_REQUESTS);
    }

    public SimulatorOptions withHost(String newHost) {
        return new SimulatorOptions(newHost, port, clientId, accessTokenTtl, deviceCodeTtl, resourceUrl,
                responseShape, acceptAnyBearer, apiKeys, maxRecordedRequests);
    }

    public SimulatorOptions withPort(int newPort) {
        return new SimulatorOptions(host, newPort, clientId, accessTokenTtl, deviceCodeTtl, resourceUrl,
                responseShape, acceptAnyBearer, apiKeys, maxRecordedRequests);
    }

    public SimulatorOptions withClientId(String newClientId) {
        return new SimulatorOptions(host, port, newClientId, accessTokenTtl, deviceCodeTtl, resourceUrl,
                responseShape, acceptAnyBearer, apiKeys, maxRecordedRequests);
    }

    public SimulatorOptions withAccessTokenTtl(Duration ttl) {
        return new SimulatorOptions(host, port, clientId, ttl, deviceCodeTtl, resourceUrl,
                responseShape, acceptAnyBearer, apiKeys, maxRecordedRequests);
    }

    public SimulatorOptions withDeviceCodeTtl(Duration ttl) {
        return new SimulatorOptions(host, port, clientId, accessTokenTtl, ttl, resourceUrl,
                responseShape, acceptAnyBearer, apiKeys, maxRecordedRequests);
    }

    public SimulatorOptions withResourceUrl(String newResourceUrl) {
        return new SimulatorOptions(host, port, clientId, accessTokenTtl, deviceCodeTtl, newResourceUrl,
                responseShape, acceptAnyBearer, apiKeys, maxRecordedRequests);
    }

    public SimulatorOptions withResponseShape(ResponseShape shape) {
        return new SimulatorOptions(host, port, clientId, accessTokenTtl, deviceCodeTtl, resourceUrl,
                shape, acceptAnyBearer, apiKeys, maxRecordedRequests);
    }

    public SimulatorOptions withStreamChunks(int chunks) {
        return withResponseShape(responseShape.withContentChunks(chunks));
    }

    public SimulatorOptions withChunkDelay(Duration delay) {
        return withResponseShape(responseShape.withChunkDelay(delay));
    }

    public SimulatorOptions withHeaderDelay(Duration delay) {
        return withResponseShape(responseShape.withHeaderDelay(delay));
    }

    public SimulatorOptions withAcceptAnyBearer(boolean accept) {
        return new SimulatorOptions(host, port, clientId, accessTokenTtl, deviceCodeTtl, resourceUrl,
                responseShape, accept, apiKeys, maxRecordedRequests);
    }

    /** Adds one accepted API key to those already configured. */
    public SimulatorOptions withApiKey(String apiKey) {
        Set<String> keys = new LinkedHashSet<>(apiKeys);
        keys.add(apiKey);
        return new SimulatorOptions(host, port, clientId, accessTokenTtl, deviceCodeTtl, resourceUrl,
                responseShape, acceptAnyBearer, keys, maxRecordedRequests);
    }

    public SimulatorOptions withMaxRecordedRequests(int max) {
        return new SimulatorOptions(host, port, clientId, accessTokenTtl, deviceCodeTtl, resourceUrl,
                responseShape, acceptAnyBearer, apiKeys, max);
    }
}

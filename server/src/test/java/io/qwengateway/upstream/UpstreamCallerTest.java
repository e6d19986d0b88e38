package io.qwengateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import io.qwengateway.credentials.CredentialSource;
import io.qwengateway.credentials.CredentialState;
import io.qwengateway.credentials.CredentialStatus;
import io.qwengateway.credentials.CredentialUnavailableException;
import io.qwengateway.credentials.UpstreamCredential;
import io.qwengateway.errors.ApiException;
import io.qwengateway.credentials.ApiKeyCredentialSource;
import io.qwengateway.credentials.ApiKeyProperties;
import io.qwengateway.pool.LocalCooldownStore;
import io.qwengateway.pool.LocalRateLimits;
import io.qwengateway.pool.LocalSessionAffinity;
import io.qwengateway.pool.ModelSet;
import io.qwengateway.pool.PoolMember;
import io.qwengateway.pool.PoolProperties;
import io.qwengateway.pool.RoutingStrategy;
import io.qwengateway.pool.UpstreamKind;
import io.qwengateway.pool.UpstreamPool;
import tools.jackson.databind.json.JsonMapper;

class UpstreamCallerTest {

    private static final String OK = "{\"id\":\"c1\"}";
    private static final String STALE = "{\"error\":{\"message\":\"invalid access token or token expired\"}}";
    private static final UpstreamRequest REQUEST = new UpstreamRequest("/chat/completions", "{}".getBytes(), false);

    private final ScriptedUpstream upstream = new ScriptedUpstream();
    private final RenewingCredentials credentials = new RenewingCredentials();
    private final UpstreamCaller caller = new UpstreamCaller(upstream, pool(credentials),
            new UpstreamErrorClassifier(new JsonMapper()), ScriptedUpstream.PROPERTIES);

    /** The gateway with one upstream, as without any pool configuration. */
    static UpstreamPool pool(CredentialSource credentials) {
        return UpstreamPool.single("default", UpstreamKind.QWEN_OAUTH, credentials, Map.of(), Clock.systemUTC());
    }

    private ApiException failure() {
        return catchThrowableOfType(ApiException.class, () -> caller.call(REQUEST));
    }

    @Test
    void aSuccessIsReturnedOpenForReading() throws IOException {
        upstream.answer(200, OK);

        assertThat(new String(caller.call(REQUEST).readBody())).isEqualTo(OK);
        assertThat(upstream.tokensSent()).containsExactly("token-1");
    }

    @Test
    void aStaleTokenIsRenewedOnceAndTheCallRetriedOnceWithTheNewToken() {
        upstream.answer(401, STALE).answer(200, OK);

        assertThat(caller.call(REQUEST).status()).isEqualTo(200);
        assertThat(upstream.tokensSent()).containsExactly("token-1", "token-2");
        assertThat(credentials.renewed).containsExactly("token-1");
    }

    @Test
    void aRenewedTokenRefusedAgainFailsFastAsLoginRequired() {
        upstream.answer(401, STALE).answer(401, STALE);

        ApiException error = failure();

        assertThat(error).isInstanceOf(CredentialUnavailableException.class);
        assertThat(error.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(error.code()).isEqualTo("upstream_credentials_unusable");
        assertThat(credentials.rejectedAfterRenewal).containsExactly("token-2");
        assertThat(upstream.tokensSent()).hasSize(2);
    }

    @Test
    void aRenewalThatCannotHappenNowEndsTheCallWithItsOwnError() {
        credentials.renewalFailure = CredentialUnavailableException.temporarily("token endpoint answered 503");
        upstream.answer(401, STALE);

        ApiException error = failure();

        assertThat(error.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(upstream.tokensSent()).containsExactly("token-1");
        assertThat(credentials.rejectedAfterRenewal).isEmpty();
    }

    @Test
    void transientFailuresAreRetriedUntilOneSucceeds() {
        upstream.answer(503, "").fail(new ConnectException("Connection refused")).answer(200, OK);

        assertThat(caller.call(REQUEST).status()).isEqualTo(200);
        assertThat(upstream.tokensSent()).hasSize(3);
    }

    @Test
    void transientFailuresStopAfterTheConfiguredAttempts() {
        upstream.answer(504, "stream timeout").answer(502, "").answer(504, "stream timeout");

        ApiException error = failure();

        assertThat(error.status()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
        assertThat(error.code()).isEqualTo("upstream_unavailable");
        assertThat(upstream.tokensSent()).hasSize(ScriptedUpstream.PROPERTIES.retry().maxAttempts());
    }

    @Test
    void anUnreachableUpstreamIsABadGatewayNamingTheBaseUrl() {
        upstream.fail(new ConnectException("refused")).fail(new ConnectException("refused")).fail(new ConnectException("refused"));

        ApiException error = failure();

        assertThat(error.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(error.code()).isEqualTo("upstream_unreachable");
        assertThat(error.getMessage()).contains("http://upstream.test/v1", "refused");
    }

    @Test
    void aRenewedTokenIsKeptAcrossTransientRetries() {
        upstream.answer(401, STALE).answer(503, "").answer(200, OK);

        assertThat(caller.call(REQUEST).status()).isEqualTo(200);
        assertThat(upstream.tokensSent()).containsExactly("token-1", "token-2", "token-2");
        assertThat(credentials.renewed).hasSize(1);
    }

    @Test
    void finalErrorsAreNotRetried() {
        upstream.answer(429, "{\"code\":\"Throttling\",\"message\":\"slow down\"}", "3");

        ApiException error = failure();

        assertThat(error.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(error.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(upstream.tokensSent()).hasSize(1);
    }

    @Test
    void allSendsOfOneRequestStayWithinMaxSendsWhateverTheRetriesAllow() {
        UpstreamCaller capped = new UpstreamCaller(upstream, pool(credentials),
                new UpstreamErrorClassifier(new JsonMapper()), ScriptedUpstream.properties(2));
        upstream.fail(new NoHttpResponseException("failed to respond")).answer(503, "").answer(200, OK);

        ApiException error = catchThrowableOfType(ApiException.class, () -> capped.call(REQUEST));

        assertThat(error.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(upstream.tokensSent()).as("two sends, although three attempts are configured").hasSize(2);
    }

    @Test
    void theRetryWithARenewedTokenCountsAsASend() {
        UpstreamCaller capped = new UpstreamCaller(upstream, pool(credentials),
                new UpstreamErrorClassifier(new JsonMapper()), ScriptedUpstream.properties(2));
        upstream.answer(503, "").answer(401, STALE).answer(200, OK);

        ApiException error = catchThrowableOfType(ApiException.class, () -> capped.call(REQUEST));

        assertThat(error.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(upstream.tokensSent()).containsExactly("token-1", "token-1");
    }

    @Test
    void noResponseWithinTheFirstByteLimitIsA504NamingTheSettingAndIsNotRetried() {
        upstream.fail(new FirstByteTimeoutException(new SocketTimeoutException("Read timed out")));

        ApiException error = failure();

        assertThat(error.status()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
        assertThat(error.type()).isEqualTo("server_error");
        assertThat(error.code()).isEqualTo("upstream_timeout");
        assertThat(error.getMessage()).contains("1 s", "gateway.upstream.first-byte-timeout")
                .doesNotContain("Exception");
        assertThat(upstream.tokensSent()).hasSize(1);
    }

    @Test
    void aStreamWithoutResponseHeadersNamesTheStreamingLimit() {
        upstream.fail(new FirstByteTimeoutException(new SocketTimeoutException("Read timed out")));

        ApiException error = catchThrowableOfType(ApiException.class,
                () -> caller.call(new UpstreamRequest("/chat/completions", "{}".getBytes(), true)));

        assertThat(error.code()).isEqualTo("upstream_timeout");
        assertThat(error.getMessage()).contains("gateway.upstream.stream-first-byte-timeout");
    }

    @Test
    void theBaseUrlOverrideWinsOverTheCredentialsAndLosesItsTrailingSlash() {
        UpstreamClient overridden = new UpstreamClient(null, new UpstreamProperties("http://127.0.0.1:9999/v1/", Map.of(),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1, 3,
                ScriptedUpstream.PROPERTIES.retry()));

        assertThat(overridden.baseUrl(credentials.current())).isEqualTo("http://127.0.0.1:9999/v1");
        assertThat(upstream.baseUrl(credentials.current())).isEqualTo("http://upstream.test/v1");
    }

    /** Two key upstreams, a first (fill-first): where a request that may fail over goes. */
    private final UpstreamPool twoUpstreams = twoUpstreams();
    private final UpstreamCaller pooled = new UpstreamCaller(upstream, twoUpstreams,
            new UpstreamErrorClassifier(new JsonMapper()), ScriptedUpstream.PROPERTIES);

    private static UpstreamPool twoUpstreams() {
        List<PoolMember> members = List.of(keyMember("a"), keyMember("b"));
        PoolProperties properties = new PoolProperties(RoutingStrategy.FILL_FIRST, 2, Duration.ZERO,
                new PoolProperties.Affinity(false, Duration.ofMinutes(1), 1),
                new PoolProperties.Cooldowns("00:00", java.time.ZoneOffset.UTC, Duration.ofSeconds(1),
                        Duration.ofMinutes(30), 3, Duration.ofMinutes(1), false, false), Map.of(), null);
        return new UpstreamPool(members, properties, LocalCooldownStore.inMemory(),
                new LocalSessionAffinity(Duration.ofMinutes(1), 1),
                new LocalRateLimits(Map.of(), Duration.ZERO, System::nanoTime), Clock.systemUTC(), null);
    }

    private static PoolMember keyMember(String name) {
        return new PoolMember(name, UpstreamKind.API_KEY, new ApiKeyCredentialSource(
                new ApiKeyProperties("sk-" + name, "http://" + name + ".test/v1", Map.of())), ModelSet.ALL, 1,
                Map.of(), null);
    }

    @Test
    void aFailureThatIsNotTheClientsGoesToTheNextUpstreamAndTheAnswerNamesWhoServed() {
        upstream.answer(429, "{\"error\":{\"message\":\"Free allocated quota exceeded.\"}}").answer(200, OK);

        UpstreamResponse response = pooled.call(REQUEST);

        assertThat(response.upstreamName()).isEqualTo("b");
        assertThat(upstream.tokensSent()).containsExactly("sk-a", "sk-b");
        assertThat(twoUpstreams.stateOf(twoUpstreams.member("a").orElseThrow()).reason()).isEqualTo("quota");
    }

    @Test
    void aClientsMistakeIsItsAnswerAndNamesTheUpstreamThatSaidSo() {
        upstream.answer(400, "{\"code\":\"InvalidParameter\",\"message\":\"Range of input length should be [1, 9]\"}");

        ApiException error = catchThrowableOfType(ApiException.class, () -> pooled.call(REQUEST));

        assertThat(error.code()).isEqualTo("context_length_exceeded");
        assertThat(error.upstream()).hasValue("a");
        assertThat(upstream.tokensSent()).containsExactly("sk-a");
    }

    @Test
    void eachUpstreamHasItsOwnSendBudget() {
        upstream.answer(503, "").answer(503, "").answer(503, "").answer(200, OK);

        assertThat(pooled.call(REQUEST).upstreamName()).isEqualTo("b");
        assertThat(upstream.tokensSent()).containsExactly("sk-a", "sk-a", "sk-a", "sk-b");
    }

    /** A source whose renewals hand out token-2, token-3, ... and that remembers what it was told. */
    private static final class RenewingCredentials implements CredentialSource {

        private final List<String> renewed = new ArrayList<>();
        private final List<String> rejectedAfterRenewal = new ArrayList<>();
        private CredentialUnavailableException renewalFailure;
        private int generation = 1;

        @Override
        public UpstreamCredential current() {
            return new UpstreamCredential("token-" + generation, "http://upstream.test/v1/", Map.of());
        }

        @Override
        public UpstreamCredential renewAfterRejection(UpstreamCredential rejected) {
            if (renewalFailure != null) {
                throw renewalFailure;
            }
            renewed.add(rejected.bearerToken());
            generation++;
            return current();
        }

        @Override
        public void rejectedAfterRenewal(UpstreamCredential rejected) {
            rejectedAfterRenewal.add(rejected.bearerToken());
        }

        @Override
        public CredentialStatus status() {
            return new CredentialStatus("test", CredentialState.VALID, null, null);
        }
    }
}

package io.qwengateway.upstream;

import java.time.Duration;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP clients: a pooled one for the model API, whose responses are streamed as they arrive, and a small one for
 * the OAuth server. Retries are the gateway's own (Resilience4j), apart from one immediate resend over a pooled
 * connection found dead ({@link StaleConnectionRetry}). Until the response head arrives the socket timeout is the
 * call's first-byte limit ({@link UpstreamClient} sets it per call); from then on the read timeout
 * ({@link UpstreamRequestExecutor}).
 */
@Configuration(proxyBeanMethods = false)
public class HttpClientsConfiguration {

    /** Idle time after which a pooled upstream connection is checked before use, and evicted in the background. */
    private static final TimeValue IDLE_LIMIT = TimeValue.ofSeconds(15);

    /**
     * Bytes of each upstream connection's buffers (httpcore5: 8,192, three of them per connection: input, line and
     * output). The gateway holds a pooled connection per stream; stream events are a few hundred bytes, reads larger
     * than the buffer bypass it, and request bodies have a Content-Length, so this changes no byte on the wire.
     */
    static final int CONNECTION_BUFFER_BYTES = 2048;

    @Bean(destroyMethod = "close")
    CloseableHttpClient upstreamHttpClient(UpstreamProperties properties) {
        Timeout connect = Timeout.of(properties.connectTimeout());
        Timeout read = Timeout.of(properties.readTimeout());
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                // The strict pool serialises every lease and release on one lock: with hundreds of streams ending
                // and starting, relay threads queue there. The lax pool locks per route and only soft-caps size.
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                // Reuse the most recently used connection: the hottest one is the least likely to have been closed
                // by the upstream, and the others age out and are evicted.
                .setConnPoolPolicy(PoolReusePolicy.LIFO)
                .setMaxConnTotal(properties.maxConnections())
                .setMaxConnPerRoute(properties.maxConnections())
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(Http1Config.custom().setBufferSize(CONNECTION_BUFFER_BYTES).build())
                        .build())
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).setTcpNoDelay(true).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(read)
                        // Checking a connection costs a blocking 1 ms read: only for connections idle long enough
                        // to have been closed by the upstream. Idle ones are evicted before most servers' timeouts,
                        // and a connection found dead anyway is resent at once (StaleConnectionRetry).
                        .setValidateAfterInactivity(IDLE_LIMIT)
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(Timeout.of(properties.firstByteTimeout(false)))
                        .build())
                .setRequestExecutor(new UpstreamRequestExecutor(read))
                .setRetryStrategy(new StaleConnectionRetry())
                .disableRedirectHandling()
                .disableCookieManagement()
                .evictIdleConnections(IDLE_LIMIT)
                .build();
    }

    /** The longest wait for the OAuth server's answer (a token poll or a refresh). */
    public static final Duration OAUTH_RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    @Bean(destroyMethod = "close")
    CloseableHttpClient oauthHttpClient(UpstreamProperties properties) {
        return HttpClients.custom()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(properties.connectTimeout()))
                        .setResponseTimeout(Timeout.of(OAUTH_RESPONSE_TIMEOUT))
                        .build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }
}

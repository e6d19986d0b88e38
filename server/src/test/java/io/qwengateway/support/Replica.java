package io.qwengateway.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.qwengateway.GatewayApplication;

/**
 * One gateway replica in the test JVM: its own Spring context and port, against the shared simulator and a shared
 * Redis, as a replica behind a load balancer would be. Several of them make a cluster for the scale-out tests.
 */
public final class Replica implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final GatewayClient client;

    private Replica(ConfigurableApplicationContext context) {
        this.context = context;
        this.client = new GatewayClient("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    /** A replica using {@code redisUrl}, with the integration tests' short timeouts and any further properties. */
    public static Replica start(String redisUrl, String... properties) {
        return start(redisUrl, SimulatedQwen.home(), properties);
    }

    /** The same, with a credentials directory of its own ({@code QWEN_HOME}), as a replica on another machine. */
    public static Replica start(String redisUrl, Path qwenHome, String... properties) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--gateway.cluster.redis-url=" + redisUrl,
                // A stopped Redis refuses at once; a busy build machine must not look like an outage.
                "--gateway.cluster.command-timeout=3s",
                "--gateway.cluster.check-interval=100ms",
                "--gateway.credentials.source=qwen-oauth",
                "--gateway.qwen-oauth.home=" + qwenHome,
                "--gateway.qwen-oauth.oauth-base-url=" + SimulatedQwen.simulator().baseUrl(),
                "--gateway.qwen-oauth.file-check-interval=0s",
                "--gateway.upstream.retry.initial-backoff=10ms",
                "--logging.level.root=WARN"));
        arguments.addAll(List.of(properties));
        return new Replica(new SpringApplicationBuilder(GatewayApplication.class).run(arguments.toArray(String[]::new)));
    }

    public GatewayClient client() {
        return client;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}

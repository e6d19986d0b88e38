package io.qwengateway.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.qwengateway.GatewayApplication;
import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.simulator.QwenSimulator;
import io.qwengateway.simulator.SimulatedCredentials;
import io.qwengateway.simulator.SimulatorOptions;
import io.qwengateway.support.GatewayClient;
import tools.jackson.databind.JsonNode;

/**
 * Pools of OAuth accounts and keys, each test with gateways of its own (started and stopped here, so that one can be
 * restarted): a dead account set aside while a key serves, the accounts of {@code QWEN_HOME} as upstreams with their
 * own locks, and cooldowns that survive a restart.
 */
class MixedPoolIT {

    private static final String CHAT = """
            {"model":"coder-model","messages":[{"role":"user","content":"hi"}]}""";

    private static final QwenSimulator ACCOUNTS = QwenSimulator.start();
    private static final QwenSimulator KEYS = QwenSimulator.start(SimulatorOptions.defaults().withApiKey("sk-mixed"));

    @TempDir
    Path home;

    @TempDir
    Path data;

    private final List<ConfigurableApplicationContext> gateways = new ArrayList<>();

    @AfterEach
    void stopGateways() {
        gateways.forEach(ConfigurableApplicationContext::close);
        ACCOUNTS.reset();
        KEYS.reset();
    }

    @Test
    void aDeadOAuthAccountIsDisabledWhileTheKeyKeepsServingAndANewLoginBringsItBack() throws IOException {
        ACCOUNTS.oauth().issueCredentials().writeOauthCredsFile(home);
        GatewayClient gateway = start(accountAndKey());
        ACCOUNTS.oauth().rejectAllAccessTokens(true);

        for (int i = 0; i < 4; i++) {
            assertThat(gateway.postJson("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
        }

        assertThat(ACCOUNTS.chatRequestCount()).as("refused twice (token, then refreshed token), then left alone")
                .isEqualTo(2);
        assertThat(KEYS.chatRequestCount()).isEqualTo(4);
        JsonNode account = upstream(gateway, "account");
        assertThat(account.path("state").asString()).isEqualTo("disabled");
        assertThat(account.path("credential_state").asString()).isEqualTo("login_required");
        assertThat(account.path("message").asString()).contains("discontinued");

        ACCOUNTS.oauth().rejectAllAccessTokens(false);
        ACCOUNTS.oauth().issueCredentials().writeOauthCredsFile(home); // the user logged in again
        for (int i = 0; i < 4; i++) {
            assertThat(gateway.postJson("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
        }
        assertThat(ACCOUNTS.chatRequestCount()).as("back in the rotation").isGreaterThan(2);
        assertThat(upstream(gateway, "account").path("state").asString()).isEqualTo("ok");
    }

    @Test
    void everyAccountInQwenHomeIsAnUpstreamWithALockFileOfItsOwn() throws IOException {
        ACCOUNTS.oauth().issueCredentials().writeOauthCredsFile(home);
        SimulatedCredentials work = ACCOUNTS.oauth().issueCredentials(Duration.ZERO); // expired: refreshed on use
        Path workFile = home.resolve("oauth_creds_work.json");
        Files.writeString(workFile, work.toOauthCredsJson(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(workFile, PosixFilePermissions.fromString("rw-------"));
        // The CLI holds its own account's lock all along: the work account's refresh must not wait for it.
        Path cliLock = home.resolve("oauth_creds.lock");
        Files.writeString(cliLock, "the-cli-holds-this");
        GatewayClient gateway = start(List.of("--gateway.qwen-oauth.home=" + home,
                "--gateway.qwen-oauth.oauth-base-url=" + ACCOUNTS.baseUrl(),
                "--gateway.qwen-oauth.lock.stale-after=10m"));

        HttpResponse<String> response = gateway.postJson("/v1/chat/completions", CHAT, "X-Qwen-Upstream", "work");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(ACCOUNTS.oauth().refreshCount()).isEqualTo(1);
        assertThat(Files.readString(cliLock)).isEqualTo("the-cli-holds-this");
        assertThat(home.resolve("oauth_creds_work.lock")).as("released after the refresh").doesNotExist();
        JsonNode health = GatewayClient.parse(gateway.get("/health").body());
        assertThat(health.path("upstreams").valueStream().map(u -> u.path("name").asString()))
                .containsExactly("default", "work");
        assertThat(health.path("upstreams").valueStream().map(u -> u.path("kind").asString()))
                .containsOnly("qwen-oauth");
    }

    @Test
    void cooldownsSurviveARestart() throws IOException {
        ACCOUNTS.oauth().issueCredentials().writeOauthCredsFile(home);
        GatewayClient first = start(accountAndKey());
        KEYS.enqueueChat(ChatBehaviour.throttled429(600));
        HttpResponse<String> throttled = first.postJson("/v1/chat/completions", CHAT, "X-Qwen-Upstream", "key");
        assertThat(throttled.statusCode()).isEqualTo(429);
        Instant until = Instant.parse(upstream(first, "key").path("until").asString());
        gateways.remove(0).close();

        assertThat(Files.getPosixFilePermissions(data.resolve("cooldowns.json")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        GatewayClient second = start(accountAndKey());

        JsonNode key = upstream(second, "key");
        assertThat(key.path("state").asString()).isEqualTo("cooling");
        assertThat(key.path("reason").asString()).isEqualTo("throttled");
        assertThat(Instant.parse(key.path("until").asString())).isEqualTo(until);
        for (int i = 0; i < 3; i++) {
            assertThat(second.postJson("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
        }
        assertThat(KEYS.chatRequestCount()).as("the key is still left alone after the restart").isEqualTo(1);
    }

    private List<String> accountAndKey() {
        return List.of("--gateway.qwen-oauth.home=" + home,
                "--gateway.qwen-oauth.oauth-base-url=" + ACCOUNTS.baseUrl(),
                "--gateway.upstreams[0].name=account",
                "--gateway.upstreams[0].preset=qwen-oauth",
                "--gateway.upstreams[1].name=key",
                "--gateway.upstreams[1].kind=api-key",
                "--gateway.upstreams[1].base-url=" + KEYS.baseUrl() + "/v1",
                "--gateway.upstreams[1].api-key=sk-mixed");
    }

    private GatewayClient start(List<String> settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--gateway.directories.data=" + data, "--gateway.qwen-oauth.file-check-interval=0s",
                "--gateway.upstream.retry.initial-backoff=10ms", "--logging.level.root=WARN"));
        args.addAll(settings);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
                .run(args.toArray(String[]::new));
        gateways.add(context);
        return new GatewayClient("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    private static JsonNode upstream(GatewayClient gateway, String name) {
        return PoolIntegrationTest.health(gateway, name);
    }
}

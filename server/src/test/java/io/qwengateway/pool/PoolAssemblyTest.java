package io.qwengateway.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.qwengateway.config.GatewayDirectories;
import io.qwengateway.credentials.ApiKeyProperties;
import io.qwengateway.credentials.QwenOAuthClient;
import io.qwengateway.credentials.QwenOAuthProperties;
import io.qwengateway.credentials.SharedRefreshProperties;
import io.qwengateway.upstream.UpstreamProperties;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pool made from the shipped application.yml and a few settings: the single-machine default, the shortcuts,
 * an explicit list with presets, and the mistakes that stop the start, each naming its key (never a key's value).
 */
class PoolAssemblyTest {

    @TempDir
    Path home;

    @TempDir
    Path data;

    private ApplicationContextRunner gateway() {
        return new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withUserConfiguration(Settings.class)
                .withPropertyValues("gateway.qwen-oauth.home=" + home, "gateway.directories.data=" + data,
                        // Whatever the developer's shell holds, these tests start from no key at all.
                        "gateway.api-key.key=", "gateway.shortcuts.dashscope-api-key=",
                        "gateway.shortcuts.coding-plan-api-key=", "gateway.shortcuts.token-plan-api-key=",
                        "gateway.shortcuts.dashscope-region=cn-beijing", "gateway.qwen-oauth.account=",
                        "gateway.credentials.source=auto");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ UpstreamDefinitions.class, PoolShortcuts.class, PoolProperties.class,
            UpstreamProperties.class, ApiKeyProperties.class, QwenOAuthProperties.class, GatewayDirectories.class,
            SharedRefreshProperties.class })
    @Import(PoolConfiguration.class)
    static class Settings {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        ObjectMapper json() {
            return JsonMapper.builder().build();
        }

        @Bean
        QwenOAuthClient oauthClient(QwenOAuthProperties properties, ObjectMapper json) {
            return new QwenOAuthClient(properties, HttpClients.createDefault(), json);
        }
    }

    private static List<String> names(UpstreamPool pool) {
        return pool.members().stream().map(PoolMember::name).toList();
    }

    @Test
    void withoutConfigurationThePoolIsTheDefaultOAuthAccountEvenBeforeALogin() {
        gateway().run(context -> {
            UpstreamPool pool = context.getBean(UpstreamPool.class);
            assertThat(names(pool)).containsExactly("default");
            PoolMember member = pool.members().get(0);
            assertThat(member.kind()).isEqualTo(UpstreamKind.QWEN_OAUTH);
            assertThat(member.models().servesAny()).isTrue();
            assertThat(pool.stateOf(member).reason()).isEqualTo("missing");
        });
    }

    @Test
    void everyNamedAccountFileIsAnUpstreamOfItsName() throws IOException {
        Files.writeString(home.resolve("oauth_creds_work.json"), "{}");
        Files.writeString(home.resolve("oauth_creds_home.json"), "{}");
        Files.writeString(home.resolve("oauth_creds.json.tmp.123"), "{}");

        gateway().run(context -> assertThat(names(context.getBean(UpstreamPool.class)))
                .containsExactly("default", "home", "work"));
    }

    @Test
    void qwenAccountServesThatAccountOnly() throws IOException {
        Files.writeString(home.resolve("oauth_creds_work.json"), "{}");

        gateway().withPropertyValues("gateway.qwen-oauth.account=work").run(context ->
                assertThat(names(context.getBean(UpstreamPool.class))).containsExactly("work"));
    }

    @Test
    void qwenApiKeyAloneIsTheApiKeyUpstreamAsBefore() {
        gateway().withPropertyValues("gateway.api-key.key=sk-test").run(context -> {
            UpstreamPool pool = context.getBean(UpstreamPool.class);
            assertThat(names(pool)).containsExactly("api-key");
            assertThat(pool.members().get(0).baseUrl())
                    .isEqualTo("https://dashscope.aliyuncs.com/compatible-mode/v1");
        });
    }

    @Test
    void eachKeyVariableIsAnUpstreamOfItsServiceInTheConfiguredRegion() {
        gateway().withPropertyValues("gateway.shortcuts.dashscope-api-key=sk-ds",
                "gateway.shortcuts.coding-plan-api-key=sk-sp-plan", "gateway.shortcuts.token-plan-api-key=sk-sp-tok",
                "gateway.shortcuts.dashscope-region=ap-southeast-1").run(context -> {
                    UpstreamPool pool = context.getBean(UpstreamPool.class);
                    assertThat(names(pool)).containsExactly("dashscope", "coding-plan", "token-plan");
                    assertThat(pool.members().stream().map(PoolMember::baseUrl)).containsExactly(
                            "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
                            "https://coding-intl.dashscope.aliyuncs.com/v1",
                            "https://token-plan.ap-southeast-1.maas.aliyuncs.com/compatible-mode/v1");
                    assertThat(pool.member("coding-plan").orElseThrow().models().serves("qwen3-coder-plus")).isTrue();
                    assertThat(pool.member("coding-plan").orElseThrow().models().serves("text-embedding-v4"))
                            .isFalse();
                });
    }

    @Test
    void theSameKeyInTwoVariablesIsOneUpstream() {
        gateway().withPropertyValues("gateway.api-key.key=sk-same", "gateway.shortcuts.dashscope-api-key=sk-same")
                .run(context -> assertThat(names(context.getBean(UpstreamPool.class))).containsExactly("api-key"));
    }

    @Test
    void sourceAllServesTheKeysAndTheAccounts() {
        gateway().withPropertyValues("gateway.credentials.source=all", "gateway.shortcuts.dashscope-api-key=sk-ds")
                .run(context -> assertThat(names(context.getBean(UpstreamPool.class)))
                        .containsExactly("dashscope", "default"));
    }

    @Test
    void anExplicitListIsThePoolWithItsPresetsAndSettings() {
        gateway().withPropertyValues(
                "gateway.shortcuts.dashscope-api-key=sk-ignored",
                "gateway.upstreams[0].name=plan", "gateway.upstreams[0].preset=coding-plan",
                "gateway.upstreams[0].api-key-env=TEST_PLAN_KEY", "TEST_PLAN_KEY=sk-sp-from-env",
                "gateway.upstreams[0].rpm=30", "gateway.upstreams[0].weight=2",
                "gateway.upstreams[1].name=cli", "gateway.upstreams[1].kind=qwen-oauth",
                "gateway.upstreams[1].models[0]=coder-model", "gateway.upstreams[1].enabled=false").run(context -> {
                    UpstreamPool pool = context.getBean(UpstreamPool.class);
                    assertThat(names(pool)).containsExactly("plan", "cli");
                    PoolMember plan = pool.member("plan").orElseThrow();
                    assertThat(plan.baseUrl()).isEqualTo("https://coding.dashscope.aliyuncs.com/v1");
                    assertThat(plan.weight()).isEqualTo(2);
                    assertThat(pool.rpm(plan)).isEqualTo(30);
                    assertThat(plan.credentials().current().bearerToken()).isEqualTo("sk-sp-from-env");
                    PoolMember cli = pool.member("cli").orElseThrow();
                    assertThat(cli.models().listed()).containsExactly("coder-model");
                    assertThat(pool.stateOf(cli).state()).isEqualTo("disabled");
                    assertThat(pool.stateOf(cli).message()).contains("gateway.upstreams[1].enabled");
                });
    }

    @Test
    void mistakesStopTheStartNamingTheKeyButNeverAKey() {
        String[][] mistakes = {
                {"gateway.upstreams[0].api-key", "gateway.upstreams[0].name=x", "gateway.upstreams[0].kind=api-key",
                        "gateway.upstreams[0].base-url=http://x/v1"},
                {"gateway.upstreams[0].api-key-env", "gateway.upstreams[0].name=x",
                        "gateway.upstreams[0].preset=dashscope", "gateway.upstreams[0].api-key-env=NOT_SET_ANYWHERE"},
                {"gateway.upstreams[0].preset", "gateway.upstreams[0].name=x", "gateway.upstreams[0].preset=nope",
                        "gateway.upstreams[0].api-key=sk-secret-1"},
                {"gateway.upstreams[0].base-url", "gateway.upstreams[0].name=x", "gateway.upstreams[0].kind=api-key",
                        "gateway.upstreams[0].api-key=sk-secret-1"},
                {"gateway.upstreams[0].header-profile", "gateway.upstreams[0].name=x",
                        "gateway.upstreams[0].preset=dashscope", "gateway.upstreams[0].api-key=sk-secret-1",
                        "gateway.upstreams[0].header-profile=firefox"},
                {"gateway.upstreams[0].kind", "gateway.upstreams[0].name=x"},
                {"gateway.upstreams[0].weight", "gateway.upstreams[0].name=x", "gateway.upstreams[0].weight=0",
                        "gateway.upstreams[0].preset=dashscope", "gateway.upstreams[0].api-key=sk-secret-1"},
                {"gateway.upstreams[0].name", "gateway.upstreams[0].name=a b", "gateway.upstreams[0].preset=dashscope",
                        "gateway.upstreams[0].api-key=sk-secret-1"},
                {"Two upstreams are named 'x'", "gateway.upstreams[0].name=x", "gateway.upstreams[0].preset=dashscope",
                        "gateway.upstreams[0].api-key=sk-secret-1", "gateway.upstreams[1].name=x",
                        "gateway.upstreams[1].preset=dashscope", "gateway.upstreams[1].api-key=sk-secret-2"},
                {"gateway.pool.cooldowns.quota-reset", "gateway.pool.cooldowns.quota-reset=midnight"},
                {"gateway.pool.strategy", "gateway.pool.strategy=random"},
                {"DASHSCOPE_REGION", "gateway.shortcuts.dashscope-api-key=sk-secret-1",
                        "gateway.shortcuts.dashscope-region=mars"},
                {"gateway.credentials.source=api-key needs", "gateway.credentials.source=api-key"},
        };
        for (String[] mistake : mistakes) {
            String[] settings = java.util.Arrays.copyOfRange(mistake, 1, mistake.length);
            gateway().withPropertyValues(settings).run(context -> {
                assertThat(context).as(mistake[0]).hasFailed();
                String messages = causes(context.getStartupFailure());
                assertThat(messages).as(String.join(" ", settings)).contains(mistake[0]);
                assertThat(messages).doesNotContain("sk-secret-1", "sk-secret-2");
            });
        }
    }

    private static String causes(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }
}

package io.qwengateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.qwengateway.observe.debug.DebugLogProperties;
import io.qwengateway.observe.requestline.RequestLineProperties;
import io.qwengateway.tokens.LimitsProperties;
import io.qwengateway.tokens.TokenProperties;
import io.qwengateway.usage.UsageProperties;

/** The operator's settings bind from application.yml as documented, the short names included; wrong ones stop the start. */
class OperatorSettingsTest {

    private final ApplicationContextRunner gateway = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Settings.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ LimitsProperties.class, TokenProperties.class, DebugLogProperties.class,
            RequestLineProperties.class, UsageProperties.class })
    static class Settings {
    }

    @Test
    void theDefaultsAreCoderModelsLimitsTheSoftLimitAndTheErrorLog() {
        gateway.run(context -> {
            LimitsProperties limits = context.getBean(LimitsProperties.class);
            assertThat(limits.of("coder-model")).hasValue(new LimitsProperties.ModelLimit(1_000_000, 65_536));
            assertThat(limits.softInputTokens()).isEqualTo(130_000);
            DebugLogProperties debug = context.getBean(DebugLogProperties.class);
            assertThat(debug.mode()).isEqualTo(DebugLogProperties.Mode.ERROR);
            assertThat(debug.fileLimit()).isEqualTo(20);
            assertThat(context.getBean(RequestLineProperties.class).enabled()).isTrue();
            assertThat(context.getBean(UsageProperties.class).fileName()).isEqualTo("usage.db");
            assertThat(context.getBean(TokenProperties.class).encoding()).isEqualTo("cl100k_base");
        });
    }

    @Test
    void theCompatibilityNamesSetTheDebugFiles() {
        gateway.withPropertyValues("DEBUG_LOG=true", "LOG_FILE_LIMIT=3").run(context -> {
            DebugLogProperties debug = context.getBean(DebugLogProperties.class);
            assertThat(debug.mode()).isEqualTo(DebugLogProperties.Mode.DEBUG);
            assertThat(debug.fileLimit()).isEqualTo(3);
        });
        gateway.withPropertyValues("LOG_LEVEL=debug").run(context ->
                assertThat(context.getBean(DebugLogProperties.class).mode()).isEqualTo(DebugLogProperties.Mode.DEBUG));
        gateway.withPropertyValues("LOG_LEVEL=off").run(context ->
                assertThat(context.getBean(DebugLogProperties.class).mode()).isEqualTo(DebugLogProperties.Mode.OFF));
    }

    @Test
    void aWrongValueStopsTheStartNamingTheKey() {
        for (String setting : new String[] { "LOG_LEVEL=verbose", "LOG_FILE_LIMIT=0",
                "gateway.limits.models.coder-model.output-tokens=0", "gateway.tokens.calibration.weight=2",
                "gateway.usage.time-zone=Mars/Olympus", "gateway.request-log.queue-capacity=0" }) {
            gateway.withPropertyValues(setting).run(context -> {
                assertThat(context).as(setting).hasFailed();
                assertThat(causes(context.getStartupFailure())).as(setting).containsPattern(
                        "gateway\\.(debug-log|limits|tokens|usage|request-log)");
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

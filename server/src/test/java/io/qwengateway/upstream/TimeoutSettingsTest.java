package io.qwengateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.qwengateway.streaming.StreamingProperties;

/** The limits bind from application.yml as documented, and a limit that cannot work stops the start. */
class TimeoutSettingsTest {

    private final ApplicationContextRunner gateway = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Settings.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ UpstreamProperties.class, StreamingProperties.class })
    static class Settings {
    }

    @Test
    void theShippedDefaultsAllowLongGenerationsAndCapSendsAtThree() {
        gateway.run(context -> {
            UpstreamProperties upstream = context.getBean(UpstreamProperties.class);
            StreamingProperties streaming = context.getBean(StreamingProperties.class);
            assertThat(upstream.firstByteTimeout(false)).isEqualTo(Duration.ofMinutes(10));
            assertThat(upstream.firstByteTimeout(true)).isEqualTo(Duration.ofMinutes(2));
            assertThat(upstream.maxSends()).isEqualTo(3);
            assertThat(streaming.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
            assertThat(streaming.heartbeatInterval()).isEqualTo(Duration.ofSeconds(15));
        });
    }

    @Test
    void anIdleTimeoutOfZeroMeansNoLimit() {
        gateway.withPropertyValues("gateway.streaming.idle-timeout=0s").run(context ->
                assertThat(context.getBean(StreamingProperties.class).idleTimeout()).isZero());
    }

    @Test
    void limitsThatCannotWorkStopTheStartNamingTheSetting() {
        for (String setting : new String[] { "gateway.upstream.max-sends=0", "gateway.upstream.first-byte-timeout=0s",
                "gateway.upstream.stream-first-byte-timeout=0s", "gateway.upstream.retry.max-attempts=0",
                "gateway.streaming.heartbeat-interval=0s", "gateway.streaming.idle-timeout=-1s" }) {
            gateway.withPropertyValues(setting).run(context -> {
                assertThat(context).as(setting).hasFailed();
                String key = setting.substring(0, setting.indexOf('='));
                String field = camelCase(key.substring(key.lastIndexOf('.') + 1)); // nested fields are named so
                assertThat(causes(context.getStartupFailure())).as(setting).containsAnyOf(key, field);
            });
        }
    }

    private static String camelCase(String kebab) {
        StringBuilder name = new StringBuilder();
        for (String word : kebab.split("-")) {
            name.append(name.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return name.toString();
    }

    private static String causes(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }
}

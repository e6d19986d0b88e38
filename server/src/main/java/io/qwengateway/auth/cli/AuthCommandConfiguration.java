package io.qwengateway.auth.cli;

import java.time.Clock;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.qwengateway.auth.DeviceFlowClient;
import io.qwengateway.auth.DeviceLoginStarter;
import io.qwengateway.auth.LoginCompletion;
import io.qwengateway.auth.LoginProperties;
import io.qwengateway.auth.QrCodes;
import io.qwengateway.credentials.QwenOAuthClient;
import io.qwengateway.credentials.QwenOAuthProperties;
import io.qwengateway.upstream.HttpClientsConfiguration;
import io.qwengateway.upstream.UpstreamProperties;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The beans of the {@code auth} command line: the login's own components and what they need, nothing of the web
 * server. Deliberately not annotated {@code @Configuration}: the server's component scan must not pick it up.
 */
@EnableConfigurationProperties({ QwenOAuthProperties.class, LoginProperties.class, UpstreamProperties.class })
@Import({ HttpClientsConfiguration.class, DeviceFlowClient.class, LoginCompletion.class, DeviceLoginStarter.class,
        QrCodes.class })
public class AuthCommandConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ObjectMapper objectMapper() {
        return JsonMapper.builder().build();
    }

    @Bean
    QwenOAuthClient qwenOAuthClient(QwenOAuthProperties properties,
            @Qualifier("oauthHttpClient") CloseableHttpClient http, ObjectMapper json) {
        return new QwenOAuthClient(properties, http, json);
    }

    @Bean
    TerminalLogin terminalLogin(DeviceLoginStarter starter, LoginCompletion completion, QrCodes qrCodes,
            Clock clock) {
        return new TerminalLogin(starter, completion, qrCodes, clock, Sleeper.real(), TerminalOutput.detect());
    }
}

package io.qwengateway.credentials;

import java.time.Clock;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.ObjectMapper;

/**
 * What every credential source shares: the clock and the OAuth client. The sources themselves, one per upstream,
 * are made by the pool ({@code io.qwengateway.pool.PoolAssembly}).
 */
@Configuration(proxyBeanMethods = false)
public class CredentialsConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    QwenOAuthClient qwenOAuthClient(QwenOAuthProperties properties, @Qualifier("oauthHttpClient") CloseableHttpClient http,
            ObjectMapper json) {
        return new QwenOAuthClient(properties, http, json);
    }
}

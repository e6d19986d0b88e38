package io.qwengateway.credentials;

import java.time.Clock;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.ObjectMapper;

/**
 * Chooses the credential source: {@code gateway.credentials.source} = {@code qwen-oauth}, {@code api-key}, or
 * {@code auto} (an API key when one is configured, the Qwen OAuth file otherwise).
 */
@Configuration(proxyBeanMethods = false)
public class CredentialsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CredentialsConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CredentialFileStore credentialFileStore(QwenOAuthProperties properties, ObjectMapper json) {
        return new CredentialFileStore(properties.credentialsFile(), json);
    }

    @Bean
    CredentialFileLock credentialFileLock(QwenOAuthProperties properties, Clock clock) {
        return new CredentialFileLock(properties.home().resolve(CredentialFiles.LOCK_FILE), properties.lock(), clock);
    }

    @Bean
    QwenOAuthClient qwenOAuthClient(QwenOAuthProperties properties, @Qualifier("oauthHttpClient") CloseableHttpClient http,
            ObjectMapper json) {
        return new QwenOAuthClient(properties, http, json);
    }

    @Bean
    CredentialSource credentialSource(@Value("${gateway.credentials.source:auto}") String source,
            ApiKeyProperties apiKey, QwenOAuthProperties oauth, CredentialFileStore store, CredentialFileLock lock,
            QwenOAuthClient client, Clock clock) {
        boolean useApiKey = switch (source) {
            case "api-key" -> true;
            case "qwen-oauth" -> false;
            case "auto" -> apiKey.configured();
            default -> throw new IllegalArgumentException(
                    "gateway.credentials.source must be auto, qwen-oauth or api-key, not " + source);
        };
        if (useApiKey) {
            if (!apiKey.configured()) {
                throw new IllegalArgumentException("gateway.credentials.source=api-key needs QWEN_API_KEY (gateway.api-key.key)");
            }
            log.info("Serving Qwen through an API key at {}", apiKey.baseUrl());
            return new ApiKeyCredentialSource(apiKey);
        }
        log.info("Serving Qwen through the OAuth credentials in {}", store.file());
        return new QwenOAuthCredentialSource(oauth, store, lock, client, clock);
    }
}

package io.qwengateway.protocol.responses;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Responses API's beans: the in-memory store unless another {@link ResponseStore} is configured. */
@Configuration(proxyBeanMethods = false)
public class ResponsesConfiguration {

    @Bean
    @ConditionalOnMissingBean(ResponseStore.class)
    ResponseStore inMemoryResponseStore(ResponsesProperties properties) {
        return new InMemoryResponseStore(properties.store());
    }

    @Bean
    ResponsesRequestTranslator responsesRequestTranslator(ResponseStore store, ResponsesProperties properties) {
        return new ResponsesRequestTranslator(store, properties.replayReasoning(), properties.compaction());
    }
}

package io.qwengateway.protocol.responses;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.qwengateway.cluster.SharedState;
import tools.jackson.databind.ObjectMapper;

/** The Responses API's beans: the response store and the request translator. */
@Configuration(proxyBeanMethods = false)
public class ResponsesConfiguration {

    /** Shared by the replicas when they share a Redis (docs/scale-out.md), in this gateway's memory otherwise. */
    @Bean
    @ConditionalOnMissingBean(ResponseStore.class)
    ResponseStore responseStore(ResponsesProperties properties, ObjectProvider<SharedState> shared, ObjectMapper json,
            Clock clock) {
        SharedState redis = shared.getIfAvailable();
        return redis == null ? new InMemoryResponseStore(properties.store())
                : new RedisResponseStore(redis, properties.store(), json, clock);
    }

    @Bean
    ResponsesRequestTranslator responsesRequestTranslator(ResponseStore store, ResponsesProperties properties) {
        return new ResponsesRequestTranslator(store, properties.replayReasoning(), properties.compaction());
    }
}

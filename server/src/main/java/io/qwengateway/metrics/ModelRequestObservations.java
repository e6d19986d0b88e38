package io.qwengateway.metrics;

import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

import io.micrometer.observation.ObservationPredicate;

/**
 * Model requests are measured once, by the gateway's own meters ({@link GatewayMetrics}: requests, durations and
 * overhead by protocol, model and upstream), not a second time by Spring's {@code http.server.requests}
 * observation, whose timer, active-request timer and tags cost ~6 % of a warm request's CPU (docs/performance.md,
 * "Where a warm request's CPU goes"). Every other route keeps Actuator's {@code http_server_requests_seconds}. With
 * {@code gateway.metrics.enabled: false} there are no gateway meters, so Spring's observation stays for all.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "gateway.metrics.enabled", matchIfMissing = true)
public class ModelRequestObservations {

    /** The routes whose every request is an exchange of the gateway's meters. */
    static final Set<String> MODEL_ROUTES = Set.of("/v1/chat/completions", "/v1/responses", "/v1/messages",
            "/v1/embeddings");

    @Bean
    ObservationPredicate modelRequestsMeasuredByTheGateway() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server
                && "POST".equals(server.getCarrier().getMethod())
                && MODEL_ROUTES.contains(server.getCarrier().getRequestURI()));
    }
}

package io.qwengateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import tools.jackson.databind.json.JsonMapper;

/** The filter alone; {@code ClientKeysIT} sends the same over real sockets to the running gateway. */
class ClientKeyFilterTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void withoutConfiguredKeysAnyBearerPassesAndTheCallerIsTheRemoteAddress() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletRequest request = request("/v1/models", "/v1/models", "Bearer whatever");

        filter(List.of()).doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThat(ClientKeyFilter.callerOf(request)).isEqualTo("address 127.0.0.1");
    }

    @Test
    void configuredKeysAdmitOnlyTheirHoldersNamedByPosition() throws Exception {
        ClientKeyFilter filter = filter(List.of("sk-team-a", "sk-team-b"));

        MockFilterChain admitted = new MockFilterChain();
        MockHttpServletRequest request = request("/v1/chat/completions", "/v1/chat/completions", "Bearer sk-team-b");
        filter.doFilter(request, new MockHttpServletResponse(), admitted);
        assertThat(admitted.getRequest()).isNotNull();
        assertThat(ClientKeyFilter.callerOf(request)).isEqualTo("client key #2");

        MockFilterChain refused = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request("/v1/chat/completions", "/v1/chat/completions", "Bearer sk-team-c"), response, refused);
        assertThat(refused.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(json.readTree(response.getContentAsString()).path("error").path("code").asString())
                .isEqualTo("invalid_api_key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/", "/favicon.ico", "/v3/api-docs", "/v3/api-docs.yaml", "/swagger-ui.html",
            "/swagger-ui/index.html", "/swagger-ui/swagger-ui-bundle.js", "/springdoc/api-docs/swagger-config"})
    void theOpenRoutesNeedNoKey(String path) throws Exception {
        assertThat(passesWithoutKey(path, path)).isTrue();
    }

    /** Deny by default: any route not listed as open needs the key, whether it exists or not. */
    @ParameterizedTest
    @ValueSource(strings = {"/v1/models", "/v1/chat/completions", "/v1/embeddings", "/auth/initiate", "/auth/poll",
            "/auth/qr/abc.png", "/error", "/v2/anything", "/springdoc/api-docs", "/HEALTH", "/health/",
            "/v3/api-docs/extra"})
    void everyOtherRouteNeedsTheKey(String path) throws Exception {
        assertThat(passesWithoutKey(path, path)).isFalse();
    }

    /** Sent as one thing, routed as another: an open route counts only when both agree. */
    @ParameterizedTest
    @CsvSource({
            "/health;x, /health",
            "/heal%74h, /health",
            "/x/../health, /health",
            "//health, /health",
            "/./health, /health",
            "/swagger-ui/../v1/models, /v1/models",
            "/v1/../health, /health"})
    void anOpenRouteReachedThroughAnotherSpellingNeedsTheKey(String sent, String routed) throws Exception {
        assertThat(passesWithoutKey(sent, routed)).isFalse();
    }

    private boolean passesWithoutKey(String sent, String routed) throws Exception {
        MockFilterChain chain = new MockFilterChain();
        filter(List.of("sk-team-a")).doFilter(request(sent, routed, null), new MockHttpServletResponse(), chain);
        return chain.getRequest() != null;
    }

    private ClientKeyFilter filter(List<String> keys) {
        return new ClientKeyFilter(new WebProperties(DataSize.ofMegabytes(1), keys),
                io.qwengateway.errors.ErrorRendering.openAiOnly(json));
    }

    /** As Tomcat hands it over: the raw URI as sent, and the decoded, normalised servlet path it routes by. */
    private static MockHttpServletRequest request(String sent, String routed, String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", sent);
        request.setServletPath(routed);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }
}

package io.qwengateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import tools.jackson.databind.json.JsonMapper;

class ClientKeyFilterTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void withoutConfiguredKeysAnyBearerPasses() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        filter(List.of()).doFilter(request("/v1/models", "Bearer whatever"), new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
    }

    @Test
    void configuredKeysAdmitOnlyTheirHolders() throws Exception {
        ClientKeyFilter filter = filter(List.of("sk-team-a", "sk-team-b"));

        MockFilterChain admitted = new MockFilterChain();
        filter.doFilter(request("/v1/chat/completions", "Bearer sk-team-b"), new MockHttpServletResponse(), admitted);
        assertThat(admitted.getRequest()).isNotNull();

        MockFilterChain refused = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request("/v1/chat/completions", "Bearer sk-team-c"), response, refused);
        assertThat(refused.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(json.readTree(response.getContentAsString()).path("error").path("code").asString())
                .isEqualTo("invalid_api_key");
    }

    @Test
    void healthAndLoginStayOpenWhenKeysAreConfigured() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        filter(List.of("sk-team-a")).doFilter(request("/health", null), new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
    }

    private ClientKeyFilter filter(List<String> keys) {
        return new ClientKeyFilter(new WebProperties(DataSize.ofMegabytes(1), keys), json);
    }

    private static MockHttpServletRequest request(String path, String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }
}

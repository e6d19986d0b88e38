package io.qwengateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import io.qwengateway.errors.ErrorRendering;
import tools.jackson.databind.json.JsonMapper;

class AdminKeyFilterTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private AdminKeyFilter filter(String key) {
        return new AdminKeyFilter(new AdminProperties(key), ErrorRendering.openAiOnly(json));
    }

    private static MockHttpServletRequest request(String sent, String routed, String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", sent);
        request.setServletPath(routed);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }

    @Test
    void withoutAnAdminKeyTheAdminRoutesAreOff() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter("").doFilter(request("/admin/upstreams", "/admin/upstreams", "Bearer anything"), response, chain);

        assertThat(chain.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentAsString()).contains("GATEWAY_ADMIN_KEY");
    }

    @Test
    void theAdminKeyOpensTheAdminRoutesAndMarksTheRequestForTheClientKeyCheck() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletRequest request = request("/admin/usage", "/admin/usage", "Bearer admin-secret");

        filter("admin-secret").doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThat(AdminKeyFilter.isAdmin(request)).isTrue();
        MockFilterChain afterClientKeys = new MockFilterChain();
        new ClientKeyFilter(new WebProperties(DataSize.ofMegabytes(1), List.of("client-key")),
                ErrorRendering.openAiOnly(json)).doFilter(request, new MockHttpServletResponse(), afterClientKeys);
        assertThat(afterClientKeys.getRequest()).as("the client-key check leaves admin requests alone").isNotNull();
    }

    @Test
    void anyOtherKeyIsRefusedEvenAClientKeyAndEverySpellingOfTheRouteCounts() throws Exception {
        for (String[] paths : new String[][] { { "/admin/upstreams", "/admin/upstreams" },
                { "/admin;x/upstreams", "/admin/upstreams" }, { "/v1/../admin/upstreams", "/admin/upstreams" },
                { "/%61dmin/upstreams", "/admin/upstreams" }, { "/admin", "/admin" } }) {
            MockFilterChain chain = new MockFilterChain();
            MockHttpServletResponse response = new MockHttpServletResponse();

            filter("admin-secret").doFilter(request(paths[0], paths[1], "Bearer client-key"), response, chain);

            assertThat(chain.getRequest()).as(paths[0]).isNull();
            assertThat(response.getStatus()).as(paths[0]).isEqualTo(401);
        }
    }

    @Test
    void otherRoutesAreNotItsConcern() throws Exception {
        MockFilterChain chain = new MockFilterChain();

        filter("admin-secret").doFilter(request("/administrator", "/administrator", null),
                new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
    }
}

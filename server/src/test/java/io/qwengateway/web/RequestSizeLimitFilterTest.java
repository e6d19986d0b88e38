package io.qwengateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RequestSizeLimitFilterTest {

    private static final JsonMapper JSON = new JsonMapper();
    private static final int LIMIT = 16;

    private final RequestSizeLimitFilter filter = new RequestSizeLimitFilter(
            new WebProperties(DataSize.ofBytes(LIMIT), List.of()),
            io.qwengateway.errors.ErrorRendering.openAiOnly(JSON));
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final MockFilterChain chain = new MockFilterChain();

    private static MockHttpServletRequest withBody(int bytes) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/chat/completions");
        request.setContent(new byte[bytes]);
        return request;
    }

    @Test
    void anAnnouncedLengthOverTheLimitIsRefusedBeforeReadingInOpenAisEnvelope() throws Exception {
        filter.doFilter(withBody(LIMIT + 1), response, chain);

        assertThat(chain.getRequest()).as("the handler never ran").isNull();
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getHeader("Connection")).isEqualTo("close");
        JsonNode error = JSON.readTree(response.getContentAsString()).path("error");
        assertThat(error.path("code").asString()).isEqualTo("request_too_large");
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asString()).contains(LIMIT + " bytes");
    }

    @Test
    void aBodyOfExactlyTheLimitGoesOnUntouched() throws Exception {
        MockHttpServletRequest request = withBody(LIMIT);

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).isSameAs(request);
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void aChunkedBodyWithoutLengthIsLeftToTheBodyReaderToLimit() throws Exception {
        MockHttpServletRequest chunked = new MockHttpServletRequest("POST", "/v1/chat/completions");

        filter.doFilter(chunked, response, chain);

        assertThat(chunked.getContentLengthLong()).isEqualTo(-1);
        assertThat(chain.getRequest()).isSameAs(chunked);
    }
}

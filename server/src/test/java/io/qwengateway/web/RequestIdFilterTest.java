package io.qwengateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestIdFilterTest {

    private final RequestIdFilter filter = new RequestIdFilter();

    @Test
    void everyResponseGetsAnIdThatTheRequestAndTheLogContextShare() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/chat/completions");
        MockHttpServletResponse response = new MockHttpServletResponse();
        String[] duringRequest = new String[2];

        filter.doFilter(request, response, (req, res) -> {
            duringRequest[0] = RequestIdFilter.of((jakarta.servlet.http.HttpServletRequest) req);
            duringRequest[1] = MDC.get("requestId");
        });

        String id = response.getHeader(RequestIdFilter.HEADER);
        assertThat(id).matches("req_[0-9a-f]{32}");
        assertThat(duringRequest).containsExactly(id, id);
        assertThat(MDC.get("requestId")).as("cleared afterwards").isNull();
    }

    @Test
    void twoRequestsGetTwoIds() throws Exception {
        MockHttpServletResponse first = new MockHttpServletResponse();
        MockHttpServletResponse second = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest(), first, (req, res) -> { });
        filter.doFilter(new MockHttpServletRequest(), second, (req, res) -> { });

        assertThat(first.getHeader(RequestIdFilter.HEADER)).isNotEqualTo(second.getHeader(RequestIdFilter.HEADER));
    }

    @Test
    void aRequestTheFilterNeverSawHasAPlaceholderId() {
        assertThat(RequestIdFilter.of(new MockHttpServletRequest())).isEqualTo("req_unknown");
    }
}

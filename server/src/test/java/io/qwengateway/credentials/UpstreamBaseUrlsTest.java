package io.qwengateway.credentials;

import static io.qwengateway.credentials.CredentialFixtures.FALLBACK_API_BASE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamBaseUrlsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "portal.qwen.ai,                       https://portal.qwen.ai/v1",
            "portal.qwen.ai/,                      https://portal.qwen.ai/v1",
            "https://portal.qwen.ai,               https://portal.qwen.ai/v1",
            "https://portal.qwen.ai/v1,            https://portal.qwen.ai/v1",
            "https://portal.qwen.ai/v1/,           https://portal.qwen.ai/v1",
            "http://127.0.0.1:8089,                http://127.0.0.1:8089/v1",
            "http://127.0.0.1:8089/v1,             http://127.0.0.1:8089/v1",
            "'  portal.qwen.ai  ',                 https://portal.qwen.ai/v1",
            "https://coding.dashscope.aliyuncs.com/v1, https://coding.dashscope.aliyuncs.com/v1"})
    void aResourceUrlBecomesAnHttpsBaseEndingInV1(String resourceUrl, String expected) {
        assertThat(UpstreamBaseUrls.fromResourceUrl(resourceUrl, FALLBACK_API_BASE)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "   ")
    void withoutAResourceUrlTheFallbackIsUsedAsItIs(String resourceUrl) {
        assertThat(UpstreamBaseUrls.fromResourceUrl(resourceUrl, FALLBACK_API_BASE)).isEqualTo(FALLBACK_API_BASE);
    }
}

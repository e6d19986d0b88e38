package io.qwengateway.conformance.recording;

/** Where Anthropic clients are pointed: the server's root, since they add {@code /v1/...} themselves. */
final class AnthropicApi {

    private AnthropicApi() {
    }

    /** {@code http://127.0.0.1:41234} for the recorder's {@code http://127.0.0.1:41234/v1}. */
    static String root(String openAiBaseUrl) {
        return openAiBaseUrl.endsWith("/v1") ? openAiBaseUrl.substring(0, openAiBaseUrl.length() - "/v1".length())
                : openAiBaseUrl;
    }
}

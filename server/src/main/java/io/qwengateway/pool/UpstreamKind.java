package io.qwengateway.pool;

/** How an upstream authenticates: a Qwen OAuth credentials file shared with the qwen-code CLI, or a static key. */
public enum UpstreamKind {
    QWEN_OAUTH("qwen-oauth"),
    API_KEY("api-key");

    private final String wireName;

    UpstreamKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}

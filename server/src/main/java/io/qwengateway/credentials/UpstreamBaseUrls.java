package io.qwengateway.credentials;

/**
 * The model API base URL from a credential's {@code resource_url}, by the qwen-code CLI's rule: a bare host gets
 * {@code https://}, and {@code /v1} is appended unless the URL already ends with it.
 */
public final class UpstreamBaseUrls {

    private UpstreamBaseUrls() {
    }

    public static String fromResourceUrl(String resourceUrl, String fallback) {
        String url = resourceUrl == null || resourceUrl.isBlank() ? fallback : resourceUrl.trim();
        if (!url.contains("://")) {
            url = "https://" + url;
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url.endsWith("/v1") ? url : url + "/v1";
    }
}

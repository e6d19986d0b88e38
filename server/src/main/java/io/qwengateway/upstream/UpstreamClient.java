package io.qwengateway.upstream;

import java.io.IOException;
import java.util.Map;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import io.qwengateway.credentials.UpstreamCredential;

/**
 * One HTTP call to the model API, without retries of its own: sends the body, returns as soon as the response headers
 * arrive, or fails once the call's first-byte limit passes without them. httpclient's one resend over a dead pooled
 * connection draws on the call's {@link SendBudget}.
 */
@Component
public class UpstreamClient {

    private final CloseableHttpClient http;
    private final UpstreamProperties properties;
    private final RequestConfig jsonCall;
    private final RequestConfig streamCall;

    public UpstreamClient(@Qualifier("upstreamHttpClient") CloseableHttpClient http, UpstreamProperties properties) {
        this.http = http;
        this.properties = properties;
        this.jsonCall = requestConfig(properties, false);
        this.streamCall = requestConfig(properties, true);
    }

    /** A call with the default header profile ({@code gateway.upstream.headers}). */
    public UpstreamResponse open(UpstreamRequest request, UpstreamCredential credential, SendBudget sends)
            throws IOException {
        return open(request, credential, properties.headers(), sends);
    }

    /**
     * @param headerProfile the headers that identify the client to this upstream (its {@code header-profile});
     *                      the credential's headers and the call's own come on top
     */
    public UpstreamResponse open(UpstreamRequest request, UpstreamCredential credential,
            Map<String, String> headerProfile, SendBudget sends) throws IOException {
        HttpPost post = new HttpPost(baseUrl(credential) + request.path());
        post.setConfig(request.streaming() ? streamCall : jsonCall);
        headerProfile.forEach(post::setHeader);
        credential.headers().forEach(post::setHeader);
        request.headers().forEach(post::setHeader);
        post.setHeader("Authorization", "Bearer " + credential.bearerToken());
        post.setHeader("Accept", request.streaming() ? "text/event-stream" : "application/json");
        post.setEntity(new ByteArrayEntity(request.body(), ContentType.APPLICATION_JSON));
        HttpClientContext context = HttpClientContext.create();
        sends.attachTo(context);
        return new UpstreamResponse(post, http.executeOpen(null, post, context));
    }

    /** A per-call configuration replaces the client's default as a whole, so it repeats the lease timeout. */
    private static RequestConfig requestConfig(UpstreamProperties properties, boolean streaming) {
        return RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(properties.connectTimeout()))
                .setResponseTimeout(Timeout.of(properties.firstByteTimeout(streaming)))
                .build();
    }

    /** {@code QWEN_API_BASE_URL} wins over the base URL the credential implies. */
    public String baseUrl(UpstreamCredential credential) {
        String base = properties.hasBaseUrlOverride() ? properties.baseUrl() : credential.baseUrl();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}

package io.qwengateway.upstream;

import java.io.IOException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import io.qwengateway.credentials.UpstreamCredential;

/**
 * One HTTP call to the model API, without retries: sends the body, returns as soon as the response headers arrive.
 */
@Component
public class UpstreamClient {

    private final CloseableHttpClient http;
    private final UpstreamProperties properties;

    public UpstreamClient(@Qualifier("upstreamHttpClient") CloseableHttpClient http, UpstreamProperties properties) {
        this.http = http;
        this.properties = properties;
    }

    public UpstreamResponse open(UpstreamRequest request, UpstreamCredential credential) throws IOException {
        HttpPost post = new HttpPost(baseUrl(credential) + request.path());
        properties.headers().forEach(post::setHeader);
        credential.headers().forEach(post::setHeader);
        request.headers().forEach(post::setHeader);
        post.setHeader("Authorization", "Bearer " + credential.bearerToken());
        post.setHeader("Accept", request.streaming() ? "text/event-stream" : "application/json");
        post.setEntity(new ByteArrayEntity(request.body(), ContentType.APPLICATION_JSON));
        return new UpstreamResponse(post, http.executeOpen(null, post, null));
    }

    /** {@code QWEN_API_BASE_URL} wins over the base URL the credential implies. */
    public String baseUrl(UpstreamCredential credential) {
        String base = properties.hasBaseUrlOverride() ? properties.baseUrl() : credential.baseUrl();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}

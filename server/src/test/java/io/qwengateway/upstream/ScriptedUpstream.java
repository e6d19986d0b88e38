package io.qwengateway.upstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;

import io.qwengateway.credentials.UpstreamCredential;

/** The model API as a script: each call takes the next answer, and the bearer token of every call is kept. */
final class ScriptedUpstream extends UpstreamClient {

    /** No base URL override, 64 KiB of error body, three sends, three attempts one millisecond apart. */
    static final UpstreamProperties PROPERTIES = properties(3);

    private final Deque<Object> answers = new ArrayDeque<>();
    private final List<String> tokensSent = new ArrayList<>();

    ScriptedUpstream() {
        super(null, PROPERTIES);
    }

    static UpstreamProperties properties(int maxSends) {
        return new UpstreamProperties("", Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 4, 65536, maxSends, new UpstreamProperties.Retry(3, Duration.ofMillis(1), 1.5, 0.1));
    }

    ScriptedUpstream answer(int status, String body) {
        answers.add(response(status, body, null));
        return this;
    }

    ScriptedUpstream answer(int status, String body, String retryAfter) {
        answers.add(response(status, body, retryAfter));
        return this;
    }

    /** The connection fails before the first byte. */
    ScriptedUpstream fail(IOException failure) {
        answers.add(failure);
        return this;
    }

    List<String> tokensSent() {
        return tokensSent;
    }

    @Override
    public UpstreamResponse open(UpstreamRequest request, UpstreamCredential credential,
            Map<String, String> headerProfile, SendBudget sends) throws IOException {
        tokensSent.add(credential.bearerToken());
        Object next = answers.poll();
        if (next == null) {
            throw new AssertionError("unexpected upstream call");
        }
        if (next instanceof IOException failure) {
            throw failure;
        }
        return new UpstreamResponse(new HttpPost(baseUrl(credential) + request.path()), (ClassicHttpResponse) next);
    }

    static UpstreamResponse response(int status, byte[] body) {
        BasicClassicHttpResponse response = new BasicClassicHttpResponse(status);
        response.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        return new UpstreamResponse(new HttpPost("http://upstream.test/v1/chat/completions"), response);
    }

    private static ClassicHttpResponse response(int status, String body, String retryAfter) {
        BasicClassicHttpResponse response = new BasicClassicHttpResponse(status);
        response.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON));
        if (retryAfter != null) {
            response.setHeader("Retry-After", retryAfter);
        }
        return response;
    }
}

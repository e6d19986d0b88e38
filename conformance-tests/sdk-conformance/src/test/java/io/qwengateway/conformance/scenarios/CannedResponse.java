package io.qwengateway.conformance.scenarios;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.net.ssl.SSLSession;

/** A hand-made answer, to show that each {@link WireExpectation} rejects what a client would trip over. */
record CannedResponse(int statusCode, Map<String, List<String>> headerMap, String body)
        implements HttpResponse<String> {

    static CannedResponse of(int status, String contentType, String body) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("content-type", List.of(contentType));
        headers.put("x-request-id", List.of("req-1"));
        return new CannedResponse(status, headers, body);
    }

    CannedResponse with(String header, String value) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(headerMap);
        headers.put(header, List.of(value));
        return new CannedResponse(statusCode, headers, body);
    }

    CannedResponse without(String header) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(headerMap);
        headers.remove(header);
        return new CannedResponse(statusCode, headers, body);
    }

    @Override
    public HttpHeaders headers() {
        return HttpHeaders.of(headerMap, (name, value) -> true);
    }

    @Override
    public HttpRequest request() {
        return HttpRequest.newBuilder(uri()).build();
    }

    @Override
    public Optional<HttpResponse<String>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    @Override
    public URI uri() {
        return URI.create("http://127.0.0.1/v1/chat/completions");
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }
}

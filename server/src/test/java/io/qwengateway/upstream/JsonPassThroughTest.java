package io.qwengateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.qwengateway.errors.ApiException;

class JsonPassThroughTest {

    private final JsonPassThrough passThrough = new JsonPassThrough();

    @Test
    void aJsonAnswerIsPassedByteForByteAsJson() {
        byte[] body = "\n {\"id\":\"c1\",  \"x_unknown\":1.50,\"usage\":null}".getBytes(StandardCharsets.UTF_8);

        ResponseEntity<Object> response = passThrough.toResponse(ScriptedUpstream.response(200, body));

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat((byte[]) response.getBody()).isEqualTo(body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<!DOCTYPE html><html>WAF</html>", "", "   ", "[{\"id\":1}]", "null"})
    void aBodyThatIsNotAJsonObjectIsABadGateway(String body) {
        ApiException error = catchThrowableOfType(ApiException.class,
                () -> passThrough.read(ScriptedUpstream.response(200, body.getBytes(StandardCharsets.UTF_8))));

        assertThat(error.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(error.code()).isEqualTo("upstream_invalid_response");
    }

    @Test
    void aBodyCutWhileReadingIsABadGateway() {
        InputStream cut = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Connection reset");
            }
        };
        BasicClassicHttpResponse response = new BasicClassicHttpResponse(200);
        response.setEntity(new InputStreamEntity(cut, ContentType.APPLICATION_JSON));

        ApiException error = catchThrowableOfType(ApiException.class,
                () -> passThrough.read(new UpstreamResponse(new HttpPost("http://upstream.test/v1"), response)));

        assertThat(error.code()).isEqualTo("upstream_interrupted");
        assertThat(error.getMessage()).contains("Connection reset");
    }
}

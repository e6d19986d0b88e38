package io.qwengateway.upstream;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.qwengateway.errors.ApiException;

/**
 * A non-streaming answer, passed to the client byte for byte (re-serialising it would drop fields the contract does
 * not know, such as {@code reasoning_content} details, and add nulls). Only its shape is checked: a 2xx that is not a
 * JSON object (a WAF page) becomes a 502.
 */
@Component
public class JsonPassThrough {

    public ResponseEntity<Object> toResponse(UpstreamResponse response) {
        return ResponseEntity.status(response.status()).contentType(MediaType.APPLICATION_JSON).body(read(response));
    }

    /** The whole body of a 2xx answer, checked to be a JSON object; closes the response. */
    public byte[] read(UpstreamResponse response) {
        byte[] body;
        try (response) {
            body = response.readBody();
        } catch (IOException e) {
            throw ApiException.serverError(HttpStatus.BAD_GATEWAY, "upstream_interrupted",
                    "Reading the Qwen answer failed: " + e.getMessage());
        }
        if (!startsLikeJsonObject(body)) {
            throw ApiException.serverError(HttpStatus.BAD_GATEWAY, "upstream_invalid_response",
                    "Qwen answered " + response.status() + " with a body that is not JSON.");
        }
        return body;
    }

    private static boolean startsLikeJsonObject(byte[] body) {
        for (byte b : body) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return false;
    }
}

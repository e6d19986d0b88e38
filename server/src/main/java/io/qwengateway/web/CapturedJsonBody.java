package io.qwengateway.web;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;

import tools.jackson.databind.node.ObjectNode;

/**
 * A request body that {@link JsonBodyCapture} has read and parsed: its bytes for whoever reads the message, and its
 * tree, so that the contract binding ({@link StrictContractBinding}) binds from the tree instead of parsing the
 * bytes a second time.
 */
record CapturedJsonBody(byte[] bytes, ObjectNode tree, HttpHeaders headers) implements HttpInputMessage {

    @Override
    public InputStream getBody() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }
}

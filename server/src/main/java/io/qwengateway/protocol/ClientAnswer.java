package io.qwengateway.protocol;

import org.springframework.http.ResponseEntity;

import io.qwengateway.pipeline.ChatCall;

/**
 * How one request's upstream answer goes back to its client, in the client's protocol: a stream translator for
 * event streams, and the translation of a whole JSON answer. Given by each protocol's delegate to the
 * {@link io.qwengateway.pipeline.ChatPipeline} together with the upstream chat request it translated.
 */
public interface ClientAnswer {

    /** A fresh translator for this stream; {@code call} is the upstream request as sent (model resolved). */
    ClientStreamTranslator stream(ChatCall call);

    /** The client's answer for a 2xx JSON {@code chat.completion}, given as the upstream's bytes (a JSON object). */
    ResponseEntity<Object> json(byte[] completion, ChatCall call);
}

package io.qwengateway.streaming;

import org.springframework.stereotype.Component;

import io.qwengateway.observe.Exchange;
import io.qwengateway.protocol.ClientStreamTranslator;
import io.qwengateway.upstream.UpstreamErrorClassifier;
import tools.jackson.databind.ObjectMapper;

/** A fresh {@link StreamTranslator} per stream, with the shared collaborators and the client's protocol. */
@Component
public class StreamTranslatorFactory {

    private final ObjectMapper json;
    private final UpstreamErrorClassifier classifier;
    private final StreamingProperties properties;

    public StreamTranslatorFactory(ObjectMapper json, UpstreamErrorClassifier classifier, StreamingProperties properties) {
        this.json = json;
        this.classifier = classifier;
        this.properties = properties;
    }

    public StreamTranslator forClient(ClientStreamTranslator client) {
        return forClient(client, Exchange.unobserved());
    }

    /** @param exchange where the stream's usage, first token and failure are recorded */
    public StreamTranslator forClient(ClientStreamTranslator client, Exchange exchange) {
        return new StreamTranslator(json, classifier, properties, client, exchange);
    }
}

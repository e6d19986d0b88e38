package io.qwengateway.streaming;

import java.io.IOException;
import java.util.List;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;

/**
 * Writes {@link PreFramedEvents} to a stream's body as they are, and nothing else. The byte-array converter that
 * wrote them before parsed the response's content type and set its default headers again for every write, though a
 * stream's headers went out before its first event: with the search for a converter, ~4 % of a streaming gateway's
 * CPU (docs/performance.md). Spring's SSE handler still frames nothing itself here: the relay's frames carry OpenAI's
 * space after {@code data:}, which {@code SseEmitter}'s own framing omits.
 */
final class PreFramedEventsConverter implements HttpMessageConverter<PreFramedEvents> {

    @Override
    public boolean canRead(Class<?> clazz, MediaType mediaType) {
        return false;
    }

    @Override
    public boolean canWrite(Class<?> clazz, MediaType mediaType) {
        return clazz == PreFramedEvents.class;
    }

    @Override
    public List<MediaType> getSupportedMediaTypes() {
        return List.of(MediaType.ALL);
    }

    @Override
    public PreFramedEvents read(Class<? extends PreFramedEvents> clazz, HttpInputMessage inputMessage) {
        throw new UnsupportedOperationException("Pre-framed events are only written");
    }

    @Override
    public void write(PreFramedEvents events, MediaType contentType, HttpOutputMessage outputMessage)
            throws IOException {
        outputMessage.getBody().write(events.bytes());
    }
}

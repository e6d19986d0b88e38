package io.qwengateway.support;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** The frames of an event-stream body, split strictly the way OpenAI's framing is defined. */
public record SseFrames(List<String> frames) {

    /** Splits on blank lines; each frame is kept verbatim (e.g. {@code data: {...}} or {@code : keep-alive}). */
    public static SseFrames of(String body) {
        List<String> frames = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            if (!frame.isEmpty()) {
                frames.add(frame);
            }
        }
        return new SseFrames(frames);
    }

    /** The data payloads, heartbeats left out. */
    public List<String> data() {
        return frames.stream().filter(f -> f.startsWith("data: ")).map(f -> f.substring("data: ".length())).toList();
    }

    /** The JSON payloads (everything but [DONE]). */
    public List<JsonNode> chunks() {
        return data().stream().filter(d -> !d.equals("[DONE]")).map(GatewayClient::parse).toList();
    }

    public boolean endsWithDone() {
        List<String> data = data();
        return !data.isEmpty() && data.get(data.size() - 1).equals("[DONE]");
    }

    /** The concatenated {@code delta.content} of choice 0. */
    public String content() {
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : chunks()) {
            JsonNode content = chunk.path("choices").path(0).path("delta").path("content");
            if (content.isString()) {
                text.append(content.asString());
            }
        }
        return text.toString();
    }

    public JsonNode last() {
        List<JsonNode> chunks = chunks();
        return chunks.get(chunks.size() - 1);
    }
}

package io.qwengateway.streaming;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import io.qwengateway.errors.ApiException;
import io.qwengateway.upstream.UpstreamErrorClassifier;
import io.qwengateway.upstream.UpstreamTimeouts;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one upstream chat stream into what OpenAI clients expect, event by event: the payloads to send as
 * {@code data: <payload>}. It applies the usage-chunk policy, repairs tool calls and cumulative deltas, and turns every
 * way Qwen reports a failure inside a 200 stream ({@code event:error} frames, {@code error_finish}, an error object,
 * a cut connection, an end without a finish) into one OpenAI error event that ends the stream. Not thread-safe: one
 * per stream, used by the relay thread only.
 */
public class StreamTranslator {

    private static final String DONE = "[DONE]";

    private final ObjectMapper json;
    private final UpstreamErrorClassifier classifier;
    private final StreamingProperties properties;
    private final boolean clientWantsUsage;
    private final Map<Integer, ChoiceRepair> choices = new HashMap<>();
    private boolean finishSeen;
    private boolean ended;

    public StreamTranslator(ObjectMapper json, UpstreamErrorClassifier classifier, StreamingProperties properties,
            boolean clientWantsUsage) {
        this.json = json;
        this.classifier = classifier;
        this.properties = properties;
        this.clientWantsUsage = clientWantsUsage;
    }

    /** True once the client stream is complete: {@code [DONE]} or an error event was produced. */
    public boolean ended() {
        return ended;
    }

    public List<String> translate(SseEvent event) {
        if (ended) {
            return List.of();
        }
        if ("error".equals(event.name())) {
            Integer status = event.announcedStatus();
            return fail(status, event.data() == null ? "" : event.data());
        }
        if (event.data() == null) {
            return List.of(); // an upstream keep-alive: the relay sends its own heartbeats
        }
        String data = event.data().trim();
        if (data.equals(DONE)) {
            ended = true;
            return List.of(DONE);
        }
        JsonNode root;
        try {
            root = json.readTree(data);
        } catch (JacksonException e) {
            return List.of(data); // not ours to judge: pass it on as Qwen sent it
        }
        if (!(root instanceof ObjectNode chunk)) {
            return List.of(data);
        }
        return translate(chunk, data);
    }

    private List<String> translate(ObjectNode chunk, String data) {
        JsonNode error = chunk.get("error");
        if (error != null && !error.isNull()) {
            return fail(null, data);
        }
        // openai-java rejects a chunk for the mere presence of an "error" key.
        chunk.remove("error");
        JsonNode choiceList = chunk.get("choices");
        if (choiceList instanceof ArrayNode array) {
            for (JsonNode node : array) {
                if (!(node instanceof ObjectNode choice)) {
                    continue;
                }
                String finish = choice.path("finish_reason").isString() ? choice.path("finish_reason").asString() : null;
                if ("error_finish".equals(finish)) {
                    return fail(null, choice.path("delta").path("content").asString(""));
                }
                ChoiceRepair repair = choices.computeIfAbsent(choice.path("index").asInt(0),
                        index -> new ChoiceRepair(properties, json));
                if (choice.get("delta") instanceof ObjectNode delta) {
                    repair.repairDelta(delta);
                }
                if (finish != null) {
                    choice.put("finish_reason", repair.finishReason(finish));
                    finishSeen = true;
                }
            }
        }
        boolean noChoices = choiceList == null || choiceList.isNull();
        JsonNode usage = chunk.get("usage");
        boolean usageOnly = (choiceList instanceof ArrayNode array && array.isEmpty())
                || (noChoices && usage != null && !usage.isNull());
        if (clientWantsUsage) {
            if (!chunk.has("usage")) {
                chunk.putNull("usage");
            }
            if (usageOnly && noChoices) {
                chunk.putArray("choices"); // OpenAI's usage chunk has "choices": [], which clients iterate
            }
        } else {
            chunk.remove("usage");
            if (usageOnly) {
                return List.of(); // the usage chunk, which only clients that asked for it may see
            }
        }
        return List.of(json.writeValueAsString(chunk));
    }

    /** The upstream body ended. Without a finish reason that is a cut, never a silent success. */
    public List<String> endOfUpstream() {
        if (ended) {
            return List.of();
        }
        if (finishSeen) {
            ended = true;
            return List.of(DONE);
        }
        return end(ApiException.serverError(HttpStatus.BAD_GATEWAY, "upstream_stream_incomplete",
                "The Qwen stream ended before the answer was complete (no finish_reason, no [DONE])."));
    }

    /** Reading the upstream failed mid-stream (connection cut, read timeout). */
    public List<String> upstreamFailed(IOException failure) {
        if (ended) {
            return List.of();
        }
        return end(ApiException.serverError(HttpStatus.BAD_GATEWAY, "upstream_stream_interrupted",
                "The Qwen stream was interrupted: " + failure.getClass().getSimpleName()
                        + (failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")")));
    }

    /** The upstream fell silent for the idle limit and was cut. */
    public List<String> upstreamIdle(Duration waited) {
        if (ended) {
            return List.of();
        }
        return end(UpstreamTimeouts.streamIdle(waited));
    }

    /** The gateway itself failed mid-stream: the client still hears of it rather than seeing a silent end. */
    public List<String> gatewayFailed(RuntimeException failure) {
        if (ended) {
            return List.of();
        }
        return end(ApiException.serverError(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "The gateway failed while relaying the stream (" + failure.getClass().getSimpleName()
                        + "); see the gateway log, quoting the x-request-id header."));
    }

    /** Qwen reported an error inside the stream. */
    private List<String> fail(Integer announcedStatus, String errorBody) {
        return end(classifier.classifyInBand(announcedStatus, errorBody));
    }

    private List<String> end(ApiException error) {
        ended = true;
        return List.of(json.writeValueAsString(error.toBody()));
    }
}

package io.qwengateway.tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.qwengateway.models.ModelCatalog;
import io.qwengateway.threads.ThreadPerTask;
import tools.jackson.databind.JsonNode;

/**
 * Estimates the input tokens of an upstream chat request before Qwen counts them: for the context check, the request
 * line, {@code /v1/messages/count_tokens} and the usage an Anthropic stream announces in {@code message_start}.
 *
 * <p>Text is counted with JTokkit's {@code cl100k_base} (Qwen's tokenizer is that BPE with Chinese words added:
 * English and code count alike, Chinese text somewhat higher). Around it, what Qwen's chat template (ChatML, as in
 * Qwen3's {@code tokenizer_config.json}) adds: {@code <|im_start|>role\n ... <|im_end|>\n} per message, the reply's
 * opening, the tool list with its instructions in the system prompt, {@code <tool_call>} and {@code <tool_response>}
 * wrappers, and reasoning only for the turns after the last user message (the template drops older reasoning).
 * Images count as Qwen's vision models bill them ({@link ImageTokens}). The result then goes through the model's
 * calibration ({@link TokenCalibration}): see docs/metrics.md for the method and its measured error.
 */
@Component
public class TokenEstimator {

    /** {@code <|im_start|>}, the role, a newline; {@code <|im_end|>} and a newline. */
    private static final int TOKENS_PER_MESSAGE = 5;
    /** {@code <|im_start|>assistant\n}: the reply's opening, which the upstream bills as input. */
    private static final int REPLY_TOKENS = 3;
    /** Qwen3's chat template: how the tool list is put in the system prompt (each tool on a line of JSON between). */
    private static final String TOOLS_PREAMBLE = """


            # Tools

            You may call one or more functions to assist with the user query.

            You are provided with function signatures within <tools></tools> XML tags:
            <tools>
            </tools>

            For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:
            <tool_call>
            {"name": <function-name>, "arguments": <args-json-object>}
            </tool_call>""";
    private static final String TOOL_CALL = "<tool_call>\n{\"name\": \"\", \"arguments\": }\n</tool_call>";
    private static final String TOOL_RESPONSE = "<tool_response>\n\n</tool_response>";
    /** The roles of a system prompt, where the template puts the tools (opening one when there is none). */
    private static final Pattern SYSTEM = Pattern.compile("system|developer");
    /**
     * A text this long that has not been counted before is counted beside the upstream call ({@link #begin}): it
     * takes ~0.1 ms to count, more than starting a thread for it costs.
     */
    static final int COUNTED_LATER_CHARS = 2048;

    private final BackgroundEncoding encoding;
    private final RememberedCounts remembered;
    private final ImageTokens images;
    private final TokenCalibration calibration;
    private final ModelCatalog models;
    /** Where long new texts are counted while their request goes upstream. */
    private final Executor counting = ThreadPerTask.named("token-count-");
    /** The template's fixed parts, counted once the encoding is there. */
    private volatile Frames frames;

    public TokenEstimator(TokenProperties properties, TokenCalibration calibration, ModelCatalog models) {
        this.encoding = new BackgroundEncoding(properties.encoding());
        this.remembered = new RememberedCounts(properties.rememberedChars(),
                text -> encoding.get().countTokensOrdinary(text));
        this.images = new ImageTokens(properties.images());
        this.calibration = calibration;
        this.models = models;
    }

    /**
     * The encoding's ranks are read once the gateway is up rather than during its start; a count that comes sooner
     * reads or waits for them.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void loadEncoding() {
        encoding.loadInBackground();
    }

    /** The request's input tokens, raw and corrected for its model (aliases resolved). */
    public TokenEstimate estimate(JsonNode chat) {
        long raw = count(chat);
        return new TokenEstimate(raw, calibration.correct(modelOf(chat), raw));
    }

    /** The tokens of an embeddings {@code input}: strings, token arrays (counted as they are) or arrays of either. */
    public TokenEstimate estimateEmbedding(JsonNode input, String model) {
        long raw = embeddingTokens(input);
        return new TokenEstimate(raw, calibration.correct(model, raw));
    }

    private String modelOf(JsonNode chat) {
        JsonNode model = chat.get("model");
        return model == null || !model.isString() ? null : models.resolve(model.asString());
    }

    /**
     * The request's input tokens for the pipeline, which needs them before it sends the request (the context check)
     * and again once the upstream answers (the request line, Anthropic's {@code message_start}). Counted now, but for
     * long texts not counted before: those are counted on a thread of their own while the request goes upstream
     * (JTokkit counts ~20,000 characters a millisecond, and an agent's first turn, or one after a restart or a
     * compaction of its conversation, can bring 200,000 new ones, docs/performance.md "Large requests"). Meanwhile
     * the request is known to have at most as many tokens as those texts have UTF-8 bytes (a {@code cl100k_base}
     * token is one byte or more), which is all the context check needs as long as that bound fits the model.
     */
    public InputTokens begin(JsonNode chat) {
        String model = modelOf(chat);
        List<String> later = new ArrayList<>(0);
        long counted = count(chat, text -> {
            if (text.length() < COUNTED_LATER_CHARS) {
                return count(text);
            }
            Long known = remembered.known(text);
            if (known != null) {
                return known;
            }
            later.add(text);
            return 0;
        });
        if (later.isEmpty()) {
            return InputTokens.counted(new TokenEstimate(counted, calibration.correct(model, counted)));
        }
        long bound = counted;
        for (String text : later) {
            bound += utf8Bytes(text);
        }
        CompletableFuture<TokenEstimate> count = CompletableFuture.supplyAsync(() -> {
            long raw = counted;
            for (String text : later) {
                raw += count(text);
            }
            return new TokenEstimate(raw, calibration.correct(model, raw));
        }, counting);
        return InputTokens.counting(new TokenEstimate(bound, calibration.correct(model, bound)), count);
    }

    /** The raw count of a chat request, before calibration. */
    public long count(JsonNode chat) {
        return count(chat, this::count);
    }

    /** The raw count of a chat request, each of its texts counted by {@code texts}. */
    private long count(JsonNode chat, ToLongFunction<String> texts) {
        boolean highResolution = chat.path("vl_high_resolution_images").asBoolean(false);
        JsonNode messages = chat.path("messages");
        int lastUser = -1;
        for (int i = 0; i < messages.size(); i++) {
            if ("user".equals(messages.get(i).path("role").asString(null))) {
                lastUser = i;
            }
        }
        long tokens = REPLY_TOKENS;
        boolean hasSystem = false;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asString("");
            hasSystem |= SYSTEM.matcher(role).matches();
            tokens += TOKENS_PER_MESSAGE + content(message.get("content"), highResolution, texts);
            if ("tool".equals(role)) {
                tokens += frames().toolResponse();
            }
            if (i > lastUser) {
                tokens += texts.applyAsLong(message.path("reasoning_content").asString(""));
            }
            for (JsonNode call : message.path("tool_calls")) {
                JsonNode function = call.path("function");
                tokens += frames().toolCall() + texts.applyAsLong(function.path("name").asString(""))
                        + texts.applyAsLong(function.path("arguments").asString(""));
            }
        }
        JsonNode tools = chat.get("tools");
        if (tools != null && tools.isArray() && !tools.isEmpty()) {
            tokens += frames().toolsPreamble() + (hasSystem ? 0 : TOKENS_PER_MESSAGE);
            for (JsonNode tool : tools) {
                tokens += texts.applyAsLong(tool.toString()) + 1; // one line each
            }
        }
        return tokens;
    }

    private long content(JsonNode content, boolean highResolution, ToLongFunction<String> texts) {
        if (content == null || content.isNull()) {
            return 0;
        }
        if (content.isString()) {
            return texts.applyAsLong(content.asString());
        }
        long tokens = 0;
        for (JsonNode part : content) {
            String type = part.path("type").asString("");
            if (type.equals("image_url")) {
                JsonNode image = part.path("image_url");
                tokens += images.of(image.isString() ? image.asString() : image.path("url").asString(null),
                        highResolution);
            } else {
                tokens += texts.applyAsLong(part.path("text").asString(""));
            }
        }
        return tokens;
    }

    private long embeddingTokens(JsonNode input) {
        if (input == null || input.isNull()) {
            return 0;
        }
        if (input.isString()) {
            return count(input.asString());
        }
        if (input.isIntegralNumber()) {
            return 1;
        }
        long tokens = 0;
        for (JsonNode item : input) {
            tokens += embeddingTokens(item);
        }
        return tokens;
    }

    /** Bytes of {@code text} in UTF-8, without encoding it: an upper bound on its tokens. */
    static long utf8Bytes(String text) {
        long bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                // Two bytes below U+0800, three above; a surrogate pair is four, two for each of its halves.
                bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return bytes;
    }

    /** Special tokens in a client's text are text to Qwen's API too: counted as ordinary text. */
    long count(String text) {
        return text.isEmpty() ? 0 : remembered.count(text);
    }

    private Frames frames() {
        Frames counted = frames;
        if (counted == null) {
            // Two threads may both count them: the same numbers.
            counted = new Frames(count(TOOLS_PREAMBLE), count(TOOL_CALL), count(TOOL_RESPONSE));
            frames = counted;
        }
        return counted;
    }

    private record Frames(long toolsPreamble, long toolCall, long toolResponse) {
    }
}

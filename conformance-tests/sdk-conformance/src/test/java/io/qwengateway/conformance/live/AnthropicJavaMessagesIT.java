package io.qwengateway.conformance.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.StructuredMessage;
import com.anthropic.models.messages.ThinkingBlock;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.models.ModelInfo;

import io.qwengateway.conformance.clients.AnthropicJavaRequests;
import io.qwengateway.conformance.clients.ScenarioInputs;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v1/messages}, {@code count_tokens} and {@code /v1/models} as anthropic-java sees them, with response
 * validation on: every message, event and model must parse into the SDK's models, enums included.
 */
class AnthropicJavaMessagesIT extends AnthropicJavaTest {

    private static final String HELLO_ANSWER = "Hello from the Qwen simulator. You said: " + ScenarioInputs.PROMPT;

    @Test
    void createAnswersWithATextMessageInTheAskedModelsNameAndCarriesTheRequestId() {
        HttpResponseFor<Message> raw = anthropic.messages().withRawResponse().create(AnthropicJavaRequests.text());
        Message message = raw.parse();

        assertThat(raw.requestId()).get().asString().isNotBlank();
        assertThat(message.id()).startsWith("msg_");
        assertThat(message.model().asString()).isEqualTo(ScenarioInputs.CLAUDE_MODEL);
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.stopSequence()).isEmpty();
        assertThat(AnthropicJavaRequests.text(message)).isEqualTo(HELLO_ANSWER);
        assertThat(message.usage().inputTokens()).isPositive();
        assertThat(message.usage().outputTokens()).isPositive();
        assertThat(lastUpstreamRequest().path("model").asString()).as("the Claude name's pattern alias")
                .isEqualTo(ScenarioInputs.MODEL);
        assertThat(lastUpstreamRequest().path("max_tokens").asLong()).isEqualTo(ScenarioInputs.MAX_TOKENS);
    }

    @Test
    void streamEventsComeInTheOfficialOrderAndAccumulateToTheMessage() {
        List<RawMessageStreamEvent> events = stream(AnthropicJavaRequests.text());
        Message message = accumulate(events);

        assertThat(events.get(0).isMessageStart()).isTrue();
        assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
        assertThat(events.get(events.size() - 2).isMessageDelta()).isTrue();
        String deltas = events.stream().filter(RawMessageStreamEvent::isContentBlockDelta)
                .map(event -> event.asContentBlockDelta().delta()).filter(delta -> delta.isText())
                .map(delta -> delta.asText().text()).reduce("", String::concat);
        assertThat(deltas).isEqualTo(HELLO_ANSWER);
        assertThat(AnthropicJavaRequests.text(message)).isEqualTo(HELLO_ANSWER);
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isPositive();
        assertThat(lastUpstreamRequest().path("stream").asBoolean()).isTrue();
    }

    @Test
    void toolUseRoundTripSendsTheResultBackAsAToolMessage() {
        Message call = anthropic.messages().create(AnthropicJavaRequests.weatherQuestion());
        ToolUseBlock toolUse = AnthropicJavaRequests.onlyToolUse(call);

        assertThat(call.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(toolUse.name()).isEqualTo(ScenarioInputs.WEATHER_TOOL);
        assertThat(toolUse.id()).startsWith("toolu_");
        assertThat(toolUse.caller().isDirect()).as("caller, required by the SDK's model").isTrue();
        assertThat(toolUse._input().convert(Map.class)).extractingByKey("city").isInstanceOf(String.class);

        Message answer = anthropic.messages().create(AnthropicJavaRequests.weatherResult(call));

        assertThat(AnthropicJavaRequests.text(answer)).isEqualTo("Tool result received: " + ScenarioInputs.WEATHER_RESULT);
        JsonNode upstream = lastUpstreamRequest().path("messages");
        assertThat(upstream.path(1).path("tool_calls").path(0).path("id").asString()).isEqualTo(toolUse.id());
        assertThat(upstream.path(2).path("role").asString()).isEqualTo("tool");
        assertThat(upstream.path(2).path("tool_call_id").asString()).isEqualTo(toolUse.id());
    }

    @Test
    void streamedToolUseAccumulatesItsInputFromInputJsonDeltas() {
        List<RawMessageStreamEvent> events = stream(AnthropicJavaRequests.weatherQuestion());
        Message call = accumulate(events);
        ToolUseBlock toolUse = AnthropicJavaRequests.onlyToolUse(call);

        assertThat(events).anyMatch(event -> event.isContentBlockDelta()
                && event.asContentBlockDelta().delta().isInputJson());
        assertThat(call.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(toolUse._input().convert(Map.class)).extractingByKey("city").isInstanceOf(String.class);

        Message answer = AnthropicJavaRequests.accumulate(anthropic, AnthropicJavaRequests.weatherResult(call));

        assertThat(AnthropicJavaRequests.text(answer)).isEqualTo("Tool result received: " + ScenarioInputs.WEATHER_RESULT);
    }

    @Test
    void thinkingStreamsAsASignedThinkingBlockBeforeTheText() {
        Message message = accumulate(stream(AnthropicJavaRequests.thinking()));

        ThinkingBlock thinking = message.content().get(0).asThinking();
        assertThat(thinking.thinking()).isEqualTo("Thinking about: " + ScenarioInputs.PROMPT);
        assertThat(thinking.signature()).isNotBlank();
        assertThat(message.content().get(1).isText()).isTrue();
        assertThat(lastUpstreamRequest().path("enable_thinking").asBoolean()).isTrue();
        assertThat(lastUpstreamRequest().path("thinking_budget").asLong()).isEqualTo(ScenarioInputs.THINKING_BUDGET);

        // The thinking block goes back in the next turn, as the SDK's toParam() writes it.
        anthropic.messages().create(AnthropicJavaRequests.text().toBuilder().addMessage(message.toParam())
                .addUserMessage("And now?").build());
        assertThat(lastUpstreamRequest().path("messages").path(1).path("reasoning_content").asString())
                .isEqualTo(thinking.thinking());
    }

    @Test
    void aStopSequenceEndsTheMessageBeforeItAndIsNamed() {
        Message message = anthropic.messages().create(AnthropicJavaRequests.stopSequence());

        assertThat(message.stopReason()).contains(StopReason.STOP_SEQUENCE);
        assertThat(message.stopSequence()).contains(ScenarioInputs.STOP_SEQUENCE);
        assertThat(AnthropicJavaRequests.text(message)).isEqualTo("Hello from the Qwen ");
    }

    @Test
    void aStreamedStopSequenceEndsTheStreamTheSameWay() {
        Message message = accumulate(stream(AnthropicJavaRequests.stopSequence()));

        assertThat(message.stopReason()).contains(StopReason.STOP_SEQUENCE);
        assertThat(message.stopSequence()).contains(ScenarioInputs.STOP_SEQUENCE);
        assertThat(AnthropicJavaRequests.text(message)).isEqualTo("Hello from the Qwen ");
    }

    /** Public fields: the SDK's schema generator and Jackson 2 both read them without annotations. */
    public static class Greeting {
        public String greeting;
        public String language;
    }

    /** The SDK's structured outputs: {@code output_config.format} from a class, the answer parsed back into one. */
    @Test
    void structuredOutputParsesIntoTheRequestedClass() {
        StructuredMessage<Greeting> message = anthropic.messages().create(MessageCreateParams.builder()
                .model(ScenarioInputs.CLAUDE_MODEL).maxTokens(ScenarioInputs.MAX_TOKENS)
                .addUserMessage(ScenarioInputs.PROMPT).outputConfig(Greeting.class).build());

        Greeting greeting = message.content().stream().flatMap(block -> block.text().stream())
                .map(text -> text.text()).findFirst().orElseThrow();
        assertThat(greeting.greeting).isNotNull();
        assertThat(greeting.language).isNotNull();
        assertThat(lastUpstreamRequest().path("response_format").path("type").asString()).isEqualTo("json_schema");
    }

    @Test
    void countTokensEstimatesWithoutCallingQwen() {
        MessageTokensCount count = anthropic.messages().countTokens(AnthropicJavaRequests.countTokens());

        assertThat(count.inputTokens()).isPositive();
        assertThat(qwen.chatRequestCount()).isZero();
    }

    @Test
    void modelsListAndRetrieveParseAsAnthropicModels() {
        List<ModelInfo> models = anthropic.models().list().data();

        assertThat(models).extracting(ModelInfo::id).contains(ScenarioInputs.MODEL);
        ModelInfo model = anthropic.models().retrieve(ScenarioInputs.MODEL);
        assertThat(model.id()).isEqualTo(ScenarioInputs.MODEL);
        assertThat(model.displayName()).isNotBlank();
        assertThat(model.createdAt()).isNotNull();
    }

    private List<RawMessageStreamEvent> stream(MessageCreateParams params) {
        List<RawMessageStreamEvent> events = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(params)) {
            stream.stream().forEach(events::add);
        }
        return events;
    }

    private static Message accumulate(List<RawMessageStreamEvent> events) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        events.forEach(accumulator::accumulate);
        return accumulator.message();
    }
}

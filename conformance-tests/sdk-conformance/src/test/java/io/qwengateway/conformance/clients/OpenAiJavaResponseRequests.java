package io.qwengateway.conformance.clients;

import static io.qwengateway.conformance.clients.OpenAiJavaRequests.stringProperties;
import static io.qwengateway.conformance.clients.ScenarioInputs.MODEL;
import static io.qwengateway.conformance.clients.ScenarioInputs.PROMPT;
import static io.qwengateway.conformance.clients.ScenarioInputs.SCHEMA_NAME;
import static io.qwengateway.conformance.clients.ScenarioInputs.UNKNOWN_RESPONSE_ID;
import static io.qwengateway.conformance.clients.ScenarioInputs.WEATHER_QUESTION;
import static io.qwengateway.conformance.clients.ScenarioInputs.WEATHER_RESULT;
import static io.qwengateway.conformance.clients.ScenarioInputs.WEATHER_TOOL;
import static io.qwengateway.conformance.clients.ScenarioInputs.WEATHER_TOOL_DESCRIPTION;

import java.util.ArrayList;
import java.util.List;

import com.openai.core.JsonValue;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseTextConfig;

/**
 * The Responses scenarios' requests written with openai-java ({@code client.responses()}), shared by its recorder
 * driver and its live tests. Inputs as in {@link ScenarioInputs}, and in {@code scenarios.mjs} for the Node SDK.
 */
public final class OpenAiJavaResponseRequests {

    private OpenAiJavaResponseRequests() {
    }

    public static ResponseCreateParams text() {
        return ResponseCreateParams.builder().model(MODEL).input(PROMPT).build();
    }

    /** A continuation of a response that does not exist (never stored, expired, or deleted). */
    public static ResponseCreateParams unknownPrevious() {
        return text().toBuilder().previousResponseId(UNKNOWN_RESPONSE_ID).build();
    }

    public static ResponseCreateParams weatherQuestion() {
        return ResponseCreateParams.builder().model(MODEL).input(WEATHER_QUESTION).addTool(weatherTool()).build();
    }

    /** The tool's output, continuing the stored conversation of {@code call}. */
    public static ResponseCreateParams weatherResult(Response call) {
        return ResponseCreateParams.builder().model(MODEL).previousResponseId(call.id())
                .inputOfResponse(List.of(output(onlyFunctionCall(call)))).addTool(weatherTool()).build();
    }

    /** The question with nothing stored: the client keeps the conversation, as Codex does. */
    public static ResponseCreateParams statelessWeatherQuestion() {
        return ResponseCreateParams.builder().model(MODEL).store(false)
                .inputOfResponse(List.of(question())).addTool(weatherTool()).build();
    }

    /** Everything sent back by hand: the question, the model's function call as it came, and its output. */
    public static ResponseCreateParams statelessWeatherResult(Response call) {
        List<ResponseInputItem> input = new ArrayList<>();
        input.add(question());
        ResponseFunctionToolCall function = onlyFunctionCall(call);
        input.add(ResponseInputItem.ofFunctionCall(function));
        input.add(output(function));
        return statelessWeatherQuestion().toBuilder().inputOfResponse(input).build();
    }

    /** {@code text.format} of type {@code json_schema}, written out (not derived from a class). */
    public static ResponseCreateParams jsonSchema() {
        ResponseFormatTextJsonSchemaConfig.Schema schema = ResponseFormatTextJsonSchemaConfig.Schema.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(stringProperties("greeting", "language")))
                .putAdditionalProperty("required", JsonValue.from(List.of("greeting", "language")))
                .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                .build();
        return text().toBuilder().text(ResponseTextConfig.builder().format(ResponseFormatTextJsonSchemaConfig
                .builder().name(SCHEMA_NAME).strict(true).schema(schema).build()).build()).build();
    }

    public static ResponseFunctionToolCall onlyFunctionCall(Response response) {
        List<ResponseFunctionToolCall> calls = response.output().stream().flatMap(item -> item.functionCall()
                .stream()).toList();
        if (calls.size() != 1) {
            throw new IllegalStateException("expected one function call in " + response.output());
        }
        return calls.get(0);
    }

    /** The text of the response's messages, as an application reads it. */
    public static String outputText(Response response) {
        StringBuilder text = new StringBuilder();
        for (ResponseOutputItem item : response.output()) {
            item.message().ifPresent(message -> message.content().forEach(content -> content.outputText()
                    .ifPresent(part -> text.append(part.text()))));
        }
        return text.toString();
    }

    private static ResponseInputItem question() {
        return ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder().role(EasyInputMessage.Role.USER)
                .content(WEATHER_QUESTION).build());
    }

    private static ResponseInputItem output(ResponseFunctionToolCall call) {
        return ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                .callId(call.callId()).output(WEATHER_RESULT).build());
    }

    /** Strict, as the Responses API recommends: every property required, no others. */
    private static FunctionTool weatherTool() {
        return FunctionTool.builder().name(WEATHER_TOOL).description(WEATHER_TOOL_DESCRIPTION).strict(true)
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(stringProperties("city")))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                        .build())
                .build();
    }
}

package io.qwengateway.conformance.clients;

import static io.qwengateway.conformance.clients.ScenarioInputs.EMBEDDING_INPUTS;
import static io.qwengateway.conformance.clients.ScenarioInputs.EMBEDDING_MODEL;
import static io.qwengateway.conformance.clients.ScenarioInputs.IMAGE_QUESTION;
import static io.qwengateway.conformance.clients.ScenarioInputs.MODEL;
import static io.qwengateway.conformance.clients.ScenarioInputs.PNG_DATA_URL;
import static io.qwengateway.conformance.clients.ScenarioInputs.PROMPT;
import static io.qwengateway.conformance.clients.ScenarioInputs.SCHEMA_NAME;
import static io.qwengateway.conformance.clients.ScenarioInputs.WEATHER_QUESTION;
import static io.qwengateway.conformance.clients.ScenarioInputs.WEATHER_RESULT;
import static io.qwengateway.conformance.clients.ScenarioInputs.WEATHER_TOOL;
import static io.qwengateway.conformance.clients.ScenarioInputs.WEATHER_TOOL_DESCRIPTION;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.embeddings.EmbeddingCreateParams;

/** The scenarios' requests written with openai-java, shared by its recorder driver and its live tests. */
public final class OpenAiJavaRequests {

    private OpenAiJavaRequests() {
    }

    /**
     * A client as an application builds it, with response validation on (every answer is checked against the SDK's
     * model, so a missing or mistyped field fails) and retries off, so that one call is one request.
     */
    public static OpenAIClient client(String baseUrl, String apiKey) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(apiKey).responseValidation(true).maxRetries(0)
                .build();
    }

    public static ChatCompletionCreateParams chat() {
        return ChatCompletionCreateParams.builder().model(MODEL).addUserMessage(PROMPT).build();
    }

    public static ChatCompletionCreateParams streamWithUsage() {
        return chat().toBuilder().streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
    }

    public static ChatCompletionCreateParams weatherQuestion() {
        return ChatCompletionCreateParams.builder().model(MODEL).addUserMessage(WEATHER_QUESTION)
                .addTool(weatherTool()).build();
    }

    /** The conversation continued: the assistant's tool call as it came back, and the tool's answer to it. */
    public static ChatCompletionCreateParams weatherResult(ChatCompletion toolCallAnswer) {
        ChatCompletionMessageToolCall call = toolCallAnswer.choices().get(0).message().toolCalls().orElseThrow()
                .get(0);
        return weatherQuestion().toBuilder().addMessage(toolCallAnswer.choices().get(0).message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.asFunction().id())
                        .content(WEATHER_RESULT).build())
                .build();
    }

    public static ChatCompletionCreateParams image() {
        return ChatCompletionCreateParams.builder().model(MODEL).addUserMessageOfArrayOfContentParts(List.of(
                ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text(IMAGE_QUESTION).build()),
                ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                        .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url(PNG_DATA_URL).build())
                        .build())))
                .build();
    }

    public static ChatCompletionCreateParams jsonSchema() {
        ResponseFormatJsonSchema.JsonSchema.Schema schema = ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(stringProperties("greeting", "language")))
                .putAdditionalProperty("required", JsonValue.from(List.of("greeting", "language")))
                .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                .build();
        return chat().toBuilder().responseFormat(ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder().name(SCHEMA_NAME).strict(true)
                        .schema(schema).build())
                .build()).build();
    }

    /** No encoding format: the SDK then asks for base64 and decodes it itself. */
    public static EmbeddingCreateParams embeddings() {
        return EmbeddingCreateParams.builder().model(EMBEDDING_MODEL).inputOfArrayOfStrings(List.of(EMBEDDING_INPUTS))
                .build();
    }

    /** In the order given, so that a new recording differs from the last only where the client changed. */
    static Map<String, Object> stringProperties(String... names) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : names) {
            properties.put(name, Map.of("type", "string"));
        }
        return properties;
    }

    private static ChatCompletionFunctionTool weatherTool() {
        return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name(WEATHER_TOOL)
                .description(WEATHER_TOOL_DESCRIPTION)
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(stringProperties("city")))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .build()).build();
    }
}

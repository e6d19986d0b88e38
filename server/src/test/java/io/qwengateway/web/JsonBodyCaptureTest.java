package io.qwengateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.qwengateway.api.model.CreateChatCompletionRequest;
import io.qwengateway.errors.ApiException;
import tools.jackson.databind.json.JsonMapper;

class JsonBodyCaptureTest {

    private static final JsonMapper JSON = new JsonMapper();
    private static final int LIMIT = 64;

    private final JsonBodyCapture capture = new JsonBodyCapture(JSON,
            new WebProperties(DataSize.ofBytes(LIMIT), List.of()));

    @BeforeEach
    void bindARequest() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
    }

    @AfterEach
    void unbind() {
        RequestContextHolder.resetRequestAttributes();
    }

    private HttpInputMessage read(String body) throws IOException {
        return capture.beforeBodyRead(new MockHttpInputMessage(body.getBytes(StandardCharsets.UTF_8)), null,
                CreateChatCompletionRequest.class, null);
    }

    @Test
    void theTreeIsKeptAsSentAndTheSameBytesGoOnToTheBinding() throws IOException {
        String body = "{\"model\":\"m\",\"temperature\":0,\"x_unknown\":{\"a\":[1,null]},\"n\":1}";

        HttpInputMessage handedOn = read(body);

        assertThat(new String(handedOn.getBody().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(JSON.writeValueAsString(JsonBodyCapture.currentBody())).isEqualTo(body);
    }

    @Test
    void theContractBindingBindsFromTheCapturedTreeWithoutParsingTheBytesAgain() throws IOException {
        HttpInputMessage handedOn = read("{\"model\":\"m\",\"messages\":[],\"n\":2}");
        CapturedJsonBody captured = (CapturedJsonBody) handedOn;
        // Were the bytes parsed again, this changed tree would not be what is bound.
        captured.tree().put("model", "from-the-tree");
        var reader = new StrictContractBinding.ContractModelReader(StrictContractBinding.strict(JSON));

        Object bound = reader.read(ResolvableType.forClass(CreateChatCompletionRequest.class), handedOn, null);

        assertThat(bound).isInstanceOfSatisfying(CreateChatCompletionRequest.class, request -> {
            assertThat(request.getModel()).isEqualTo("from-the-tree");
            assertThat(request.getN()).isEqualTo(2);
        });
    }

    @Test
    void aTypeTheContractRefusesIsStillABindingErrorWhenBoundFromTheTree() throws IOException {
        HttpInputMessage handedOn = read("{\"model\":\"m\",\"n\":1.5}");
        var reader = new StrictContractBinding.ContractModelReader(StrictContractBinding.strict(JSON));

        assertThatThrownBy(() -> reader.read(ResolvableType.forClass(CreateChatCompletionRequest.class), handedOn,
                null)).isInstanceOf(HttpMessageNotReadableException.class)
                .hasCauseInstanceOf(tools.jackson.databind.DatabindException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[1,2]", "\"text\"", "{\"model\": ", "null"})
    void aBodyThatIsNotAJsonObjectIsAnInvalidRequest(String body) {
        assertThatThrownBy(() -> read(body)).isInstanceOfSatisfying(ApiException.class,
                error -> assertThat(error.status().value()).isEqualTo(400));
    }

    @Test
    void aSyntaxErrorSaysWhereAndWhatWasExpectedWithoutTheParsersInternals() {
        assertThatThrownBy(() -> read("{\"model\":\n [1, 2}")).isInstanceOfSatisfying(ApiException.class,
                error -> assertThat(error.getMessage())
                        .startsWith("We could not parse the JSON body of your request at line 2, column 7: "
                                + "Unexpected close marker '}': expected ']'.")
                        .doesNotContain("Source", "REDACTED", "StreamReadFeature"));
    }

    @Test
    void aBodyOfExactlyTheLimitIsRead() throws IOException {
        String body = "{\"model\":\"" + "m".repeat(LIMIT - 12) + "\"}";

        assertThat(read(body).getBody().readAllBytes()).hasSize(LIMIT);
    }

    @Test
    void aBodyGrowingPastTheLimitIsTooLargeWhateverItsAnnouncedLength() {
        String body = "{\"model\":\"" + "m".repeat(LIMIT - 11) + "\"}";

        assertThatThrownBy(() -> read(body)).isInstanceOf(RequestTooLargeException.class);
    }

    @Test
    void onlyTheContractsModelsAreCaptured() {
        assertThat(capture.supports(null, CreateChatCompletionRequest.class, null)).isTrue();
        assertThat(capture.supports(null, String.class, null)).isFalse();
    }

    @Test
    void withoutACapturedBodyThereIsNothingToForward() {
        assertThatThrownBy(JsonBodyCapture::currentBody).isInstanceOf(IllegalStateException.class);
    }
}

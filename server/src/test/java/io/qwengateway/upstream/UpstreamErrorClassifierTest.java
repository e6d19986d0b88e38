package io.qwengateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

import io.qwengateway.errors.ApiException;
import io.qwengateway.pool.FailureEffect;
import io.qwengateway.pool.QuotaWindow;
import io.qwengateway.upstream.UpstreamFailure.Kind;
import tools.jackson.databind.json.JsonMapper;

/** Every row of the error table in qwen-upstream.md. */
class UpstreamErrorClassifierTest {

    private final UpstreamErrorClassifier classifier = new UpstreamErrorClassifier(new JsonMapper());

    private UpstreamFailure classify(int status, String singleQuotedBody) {
        return classify(status, singleQuotedBody, null);
    }

    private UpstreamFailure classify(int status, String singleQuotedBody, String retryAfter) {
        return classifier.classify(status, singleQuotedBody.replace('\'', '"'), retryAfter);
    }

    /** The failure is final, and the client gets this status, type and code. */
    private static ApiException finalError(UpstreamFailure failure, HttpStatus status, String type, String code) {
        assertThat(failure.kind()).isEqualTo(Kind.FINAL);
        ApiException error = failure.error();
        assertThat(error.status()).isEqualTo(status);
        assertThat(error.type()).isEqualTo(type);
        assertThat(error.code()).isEqualTo(code);
        return error;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "401 | {'error':{'message':'invalid access token or token expired','type':'invalid_request_error'}}",
            "403 | {'error':{'message':'Access denied.'}}",
            "401 | ",
            "400 | {'error':{'message':'Invalid access token'}}",
            "400 | {'code':'InvalidApiKey','message':'Token expired, please log in again'}",
            "404 | {'error':{'message':'Unauthorized'}}"})
    void aRefusedTokenIsStaleAndWorthOneRefresh(int status, String body) {
        UpstreamFailure failure = classify(status, body == null ? "" : body);

        assertThat(failure.kind()).isEqualTo(Kind.STALE_TOKEN);
        assertThat(failure.error().status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(failure.error().type()).isEqualTo("authentication_error");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "429 | {'error':{'message':'You exceeded your current quota','type':'insufficient_quota','code':'insufficient_quota'}}",
            "429 | {'error':{'message':'Free allocated quota exceeded.','code':'AllocationQuota.FreeTierOnly'}}",
            "403 | {'error':{'message':'Free allocated quota exceeded.'}}",
            "403 | {'code':'AllocationQuota','message':'Quota exceeded for today'}"})
    void aSpentDailyQuotaIsA429InsufficientQuotaWithoutRetryAfter(int status, String body) {
        ApiException error = finalError(classify(status, body, "30"), HttpStatus.TOO_MANY_REQUESTS, "insufficient_quota",
                "insufficient_quota");

        assertThat(error.retryAfter()).isEmpty();
    }

    @Test
    void throttlingIsARateLimitCarryingRetryAfterInSeconds() {
        ApiException error = finalError(classify(429, "{'code':'Throttling','message':'Requests rate limit exceeded'}", "7"),
                HttpStatus.TOO_MANY_REQUESTS, "requests", "rate_limit_exceeded");

        assertThat(error.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(error.getMessage()).contains("Requests rate limit exceeded");
    }

    @ParameterizedTest(name = "Retry-After: [{0}]")
    @CsvSource(nullValues = "null", value = {"1.5, PT1.5S", "' 2 ', PT2S", "0, PT0S", "-3, null", "null, null", "'', null",
            "'Wed, 21 Oct 2026 07:28:00 GMT', null"})
    void retryAfterIsReadAsDelaySecondsOnly(String header, Duration expected) {
        ApiException error = classify(429, "{'code':'Throttling'}", header).error();

        assertThat(error.retryAfter().orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {502, 503, 504})
    void gatewayErrorsAreTransientAndKeepTheirStatus(int status) {
        UpstreamFailure failure = classify(status, "{'error':{'message':'stream timeout'}}");

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.error().status().value()).isEqualTo(status);
        assertThat(failure.error().type()).isEqualTo("server_error");
        assertThat(failure.error().getMessage()).contains(String.valueOf(status), "stream timeout");
    }

    @Test
    void a504ExplainsTheLongContextStreamTimeout() {
        assertThat(classify(504, "").error().getMessage()).contains("130k-150k");
        assertThat(classify(503, "").error().getMessage()).doesNotContain("130k-150k");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{'error':{'message':'<400> InternalError.Algo.InvalidParameter: Range of input length should be [1, 1000000]','type':'invalid_request_error','code':'invalid_parameter_error'}}",
            "{'code':'InvalidParameter','message':'Range of input length should be [1, 129024]'}",
            "{'error':{'message':'This model maximum context length is 131072 tokens'}}",
            "{'error':{'message':'Too many tokens in the request'}}"})
    void anInputTooLongIsContextLengthExceeded(String body) {
        ApiException error = finalError(classify(400, body), HttpStatus.BAD_REQUEST, "invalid_request_error",
                "context_length_exceeded");

        assertThat(error.param()).isEqualTo("messages");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{'error':{'message':'Input data may contain inappropriate content.','type':'data_inspection_failed','code':'data_inspection_failed'}}",
            "{'code':'DataInspectionFailed','message':'Output data may contain inappropriate content.'}"})
    void contentModerationIsDataInspectionFailed(String body) {
        ApiException error = finalError(classify(400, body), HttpStatus.BAD_REQUEST, "invalid_request_error",
                "data_inspection_failed");

        assertThat(error.getMessage()).contains("inappropriate content");
    }

    @Test
    void anotherClientErrorKeepsItsStatusMessageTypeCodeAndParam() {
        ApiException error = finalError(classify(404,
                        "{'error':{'message':'The model qwen-x does not exist','type':'invalid_request_error','code':'model_not_found','param':'model'}}"),
                HttpStatus.NOT_FOUND, "invalid_request_error", "model_not_found");

        assertThat(error.getMessage()).isEqualTo("The model qwen-x does not exist");
        assertThat(error.param()).isEqualTo("model");
    }

    @Test
    void aDashScopeNativeErrorKeepsItsMessageAndCode() {
        ApiException error = finalError(classify(400,
                        "{'code':'InvalidParameter','message':'temperature must be in [0, 2)','request_id':'abc'}"),
                HttpStatus.BAD_REQUEST, "invalid_request_error", "InvalidParameter");

        assertThat(error.getMessage()).isEqualTo("temperature must be in [0, 2)");
        assertThat(error.param()).isNull();
    }

    @Test
    void anOAuthStyleErrorBodyGivesItsDescription() {
        ApiException error = classify(422, "{'error':'invalid_request','error_description':'bad field'}").error();

        assertThat(error.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(error.getMessage()).isEqualTo("bad field");
        assertThat(classify(409, "{'error':'conflict here'}").error().getMessage()).isEqualTo("conflict here");
    }

    @Test
    void aNonJsonBodyIsQuotedAsTextAndAnEmptyOneSaysSo() {
        assertThat(classify(418, "  I am a teapot \n").error().getMessage()).isEqualTo("I am a teapot");
        assertThat(classify(400, "").error().getMessage()).isEqualTo("(empty body)");
        UpstreamFailure html = classify(502, "<html><body><h1>502 Bad Gateway</h1></body></html>");
        assertThat(html.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(html.error().getMessage()).contains("<h1>502 Bad Gateway</h1>");
    }

    @Test
    void aLongNonJsonBodyIsAbbreviated() {
        String message = classify(400, "x".repeat(2000)).error().getMessage();

        assertThat(message).hasSize(501).endsWith("…");
    }

    @Test
    void anOther5xxIsAFinalServerError() {
        finalError(classify(500, "{'error':{'message':'Internal error','type':'whatever'}}"), HttpStatus.INTERNAL_SERVER_ERROR,
                "server_error", null);
    }

    @Test
    void aStatusThatIsNotAnErrorBecomesABadGateway() {
        finalError(classify(200, "<html/>"), HttpStatus.BAD_GATEWAY, "server_error", null);
    }

    @Test
    void describeGivesTheHumanMessage() {
        assertThat(classifier.describe("{\"error\":{\"message\":\"nope\"}}")).isEqualTo("nope");
        assertThat(classifier.describe(null)).isEqualTo("(empty body)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{'error':{'message':'Allocated quota exceeded, please increase your quota limit.','type':'insufficient_quota','code':'Throttling.AllocationQuota'}}",
            "{'code':'Throttling.RateQuota','message':'Requests rate limit exceeded, please try again later.'}",
            "{'error':{'message':'You exceeded your current quota','type':'insufficient_quota','code':'Throttling'}}"})
    void aPerMinuteThrottleWordedAsInsufficientQuotaIsAThrottleNotASpentQuota(String body) {
        UpstreamFailure failure = classify(429, body, "20");

        assertThat(failure.effect()).isEqualTo(FailureEffect.THROTTLED);
        assertThat(failure.error().code()).isEqualTo("rate_limit_exceeded");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(20));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "DAY   | {'error':{'message':'Free allocated quota exceeded.','code':'AllocationQuota.FreeTierOnly'}}",
            "HOUR  | {'error':{'message':'hour allocated quota exceeded','type':'insufficient_quota'}}",
            "WEEK  | {'error':{'message':'week allocated quota exceeded','type':'insufficient_quota'}}",
            "MONTH | {'error':{'message':'month allocated quota exceeded','type':'insufficient_quota'}}"})
    void aSpentQuotaSetsItsUpstreamAsideUntilItsWindowResets(QuotaWindow window, String body) {
        UpstreamFailure failure = classify(429, body, "120");

        assertThat(failure.effect()).isEqualTo(FailureEffect.QUOTA_SPENT);
        assertThat(failure.window()).isEqualTo(window);
        assertThat(failure.retryAfter()).as("kept for the cooldown").isEqualTo(Duration.ofSeconds(120));
        assertThat(failure.error().retryAfter()).as("not for the client").isEmpty();
        assertThat(failure.failsOver()).isTrue();
    }

    @Test
    void anUnpaidAccountIsDeadAndSaysSo() {
        UpstreamFailure failure = classify(400,
                "{'code':'Arrearage','message':'Access denied, please make sure your account is in good standing.'}");

        assertThat(failure.effect()).isEqualTo(FailureEffect.DEAD);
        assertThat(failure.error().status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(failure.error().code()).isEqualTo("account_arrearage");
        assertThat(failure.error().getMessage()).contains("Arrearage", "good standing");
    }

    @Test
    void serverErrorsFailOverAndClientMistakesDoNot() {
        assertThat(classify(500, "{'error':{'message':'Internal error'}}").effect()).isEqualTo(FailureEffect.FAILING);
        assertThat(classify(503, "").effect()).isEqualTo(FailureEffect.FAILING);
        assertThat(classify(400, "{'code':'InvalidParameter','message':'Range of input length should be [1, 129024]'}")
                .failsOver()).isFalse();
        assertThat(classify(400, "{'code':'DataInspectionFailed','message':'Output data may contain inappropriate content.'}")
                .failsOver()).isFalse();
        assertThat(classify(404, "{'error':{'message':'The model qwen-x does not exist','code':'model_not_found'}}")
                .failsOver()).isFalse();
    }

    @Test
    void aQuotaErrorInsideAStreamKeepsItsMeaningForAFailoverBeforeTheFirstByte() {
        UpstreamFailure failure = classifier.inBandFailure(null,
                "{\"error\":{\"message\":\"Free allocated quota exceeded.\",\"code\":\"insufficient_quota\"}}");

        assertThat(failure.effect()).isEqualTo(FailureEffect.QUOTA_SPENT);
        assertThat(failure.error().code()).isEqualTo("insufficient_quota");
    }
}

package io.qwengateway.upstream;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.qwengateway.credentials.CredentialSource;
import io.qwengateway.credentials.CredentialUnavailableException;
import io.qwengateway.credentials.LoginHints;
import io.qwengateway.credentials.UpstreamCredential;
import io.qwengateway.errors.ApiException;
import io.qwengateway.metrics.UpstreamEvents;

/**
 * Calls the model API until it answers 2xx or a final error, for the JSON path and the streaming path alike:
 * <ul>
 * <li>a stale token (401/403) is renewed once through the credential source, then the call is retried once;</li>
 * <li>502/503/504 and connection failures before the first byte are retried with exponential backoff and jitter;</li>
 * <li>no response head within the first-byte limit is a 504 at once, never retried ({@link UpstreamTimeouts});</li>
 * <li>everything else is classified into the OpenAI error the client gets.</li>
 * </ul>
 * Both retries are Resilience4j {@link Retry}s; the transient one wraps the stale-token one. All sends of one client
 * request, httpclient's resend over a dead pooled connection included, stay within {@code gateway.upstream.max-sends}
 * ({@link SendBudget}): a failure with no send left is the client's answer, whatever the retries would allow.
 */
@Component
public class UpstreamCaller {

    private static final Logger log = LoggerFactory.getLogger(UpstreamCaller.class);

    private final UpstreamClient client;
    private final CredentialSource credentials;
    private final UpstreamErrorClassifier classifier;
    private final UpstreamProperties properties;
    private final Retry staleTokenRetry;
    private final Retry transientRetry;

    public UpstreamCaller(UpstreamClient client, CredentialSource credentials, UpstreamErrorClassifier classifier,
            UpstreamProperties properties) {
        this.client = client;
        this.credentials = credentials;
        this.classifier = classifier;
        this.properties = properties;
        this.staleTokenRetry = Retry.of("upstream-stale-token", RetryConfig.custom()
                .maxAttempts(2)
                .waitDuration(Duration.ZERO)
                .retryOnException(e -> RetryableFailure.worthRetrying(e, UpstreamFailure.Kind.STALE_TOKEN))
                .build());
        UpstreamProperties.Retry retry = properties.retry();
        this.transientRetry = Retry.of("upstream-transient", RetryConfig.custom()
                .maxAttempts(retry.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(retry.initialBackoff(),
                        retry.multiplier(), retry.randomization()))
                .retryOnException(e -> RetryableFailure.worthRetrying(e, UpstreamFailure.Kind.TRANSIENT))
                .build());
        transientRetry.getEventPublisher().onRetry(event -> {
            log.warn("Retrying the Qwen call (attempt {}): {}", event.getNumberOfRetryAttempts() + 1,
                    event.getLastThrowable().getMessage());
            UpstreamEvents.retried(RetryableFailure.codeOf(event.getLastThrowable()));
        });
        staleTokenRetry.getEventPublisher().onRetry(event -> UpstreamEvents.retried("stale_token"));
    }

    /** A 2xx response, open for reading; the caller closes it. */
    public UpstreamResponse call(UpstreamRequest request) {
        Attempts attempts = new Attempts(new SendBudget(properties.maxSends()));
        try {
            return transientRetry.executeCallable(
                    () -> staleTokenRetry.executeCallable(() -> attempt(request, attempts)));
        } catch (RetryableFailure e) {
            if (!e.sendsLeft) {
                log.warn("Giving up on the Qwen call after {} sends (gateway.upstream.max-sends: {})",
                        attempts.sends.sent(), attempts.sends.max());
            }
            throw e.failure().error(); // no attempt left
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw ApiException.serverError(HttpStatus.BAD_GATEWAY, "upstream_error",
                    "Calling Qwen failed: " + e.getMessage());
        }
    }

    private UpstreamResponse attempt(UpstreamRequest request, Attempts attempts) {
        UpstreamCredential credential = attempts.renewed != null ? attempts.renewed : credentials.current();
        UpstreamResponse response;
        attempts.sends.count();
        try {
            response = client.open(request, credential, attempts.sends);
        } catch (FirstByteTimeoutException e) {
            Duration limit = properties.firstByteTimeout(request.streaming());
            log.warn("Qwen sent no response within {}; answering 504 without retrying", UpstreamTimeouts.describe(limit));
            throw UpstreamTimeouts.noResponse(limit, request.streaming());
        } catch (IOException e) {
            throw new RetryableFailure(new UpstreamFailure(UpstreamFailure.Kind.TRANSIENT, ApiException.serverError(
                    HttpStatus.BAD_GATEWAY, "upstream_unreachable",
                    "Cannot reach the Qwen API at " + client.baseUrl(credential) + ": " + e.getMessage())),
                    attempts.sends);
        }
        if (response.isSuccess()) {
            return request.streaming() ? requireEventStream(response) : response;
        }
        UpstreamFailure failure = classifier.classify(response.status(), errorText(response),
                response.header("Retry-After"));
        switch (failure.kind()) {
            case STALE_TOKEN -> {
                if (attempts.renewed != null) {
                    credentials.rejectedAfterRenewal(credential);
                    throw CredentialUnavailableException.loginRequired(LoginHints.rejectedAfterRefresh());
                }
                attempts.renewed = credentials.renewAfterRejection(credential);
                throw new RetryableFailure(failure, attempts.sends);
            }
            case TRANSIENT -> throw new RetryableFailure(failure, attempts.sends);
            default -> throw failure.error();
        }
    }

    /**
     * A stream request answered with JSON is Qwen reporting an error with a 2xx status; caught here, it still goes
     * to the client as a plain JSON error rather than as a broken stream.
     */
    private UpstreamResponse requireEventStream(UpstreamResponse response) {
        String type = response.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return response;
        }
        throw classifier.classifyInBand(null, errorText(response));
    }

    /** The start of an error body, enough to classify it; closes the response. */
    private String errorText(UpstreamResponse response) {
        try (response) {
            return response.readText(properties.maxErrorBody());
        } catch (IOException e) {
            return "";
        }
    }

    /** Per-call state shared by the attempts: the sends so far, and the renewed credential once there is one. */
    private static final class Attempts {
        private final SendBudget sends;
        private UpstreamCredential renewed;

        private Attempts(SendBudget sends) {
            this.sends = sends;
        }
    }

    /**
     * A failure another attempt may cure; carries the error the client gets when no attempt is left, and whether the
     * send budget still allows one (the retry predicates are shared by all calls, so the call's state travels here).
     */
    static final class RetryableFailure extends RuntimeException {
        private final UpstreamFailure failure;
        private final boolean sendsLeft;

        RetryableFailure(UpstreamFailure failure, SendBudget sends) {
            super(failure.error().getMessage(), null, false, false);
            this.failure = failure;
            this.sendsLeft = sends.hasSendsLeft();
        }

        UpstreamFailure failure() {
            return failure;
        }

        /** The error code of a failed attempt, for the retry metric. */
        static String codeOf(Throwable error) {
            return error instanceof RetryableFailure retryable ? retryable.failure.error().code() : null;
        }

        static boolean worthRetrying(Throwable error, UpstreamFailure.Kind kind) {
            return error instanceof RetryableFailure retryable && retryable.failure.kind() == kind
                    && retryable.sendsLeft;
        }
    }
}

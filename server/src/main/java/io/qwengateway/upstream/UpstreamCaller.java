package io.qwengateway.upstream;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
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
import io.qwengateway.pool.FailureEffect;
import io.qwengateway.pool.PoolMember;
import io.qwengateway.pool.Route;
import io.qwengateway.pool.UpstreamPool;

/**
 * Calls the model API until an upstream of the pool answers 2xx or a final error, for the JSON path and the
 * streaming path alike. The pool chooses the upstreams ({@link UpstreamPool#route}); on each one:
 * <ul>
 * <li>a stale token (401/403) is renewed once through the upstream's credential source, then the call is retried
 * once;</li>
 * <li>502/503/504 and connection failures before the first byte are retried with exponential backoff and jitter;</li>
 * <li>no response head within the first-byte limit is a 504 at once, never retried nor sent elsewhere
 * ({@link UpstreamTimeouts});</li>
 * <li>everything else is classified ({@link UpstreamErrorClassifier}) into the OpenAI error the client gets and what
 * it says about the upstream.</li>
 * </ul>
 * Both retries are Resilience4j {@link Retry}s; the transient one wraps the stale-token one. All sends of one client
 * request to one upstream, httpclient's resend over a dead pooled connection included, stay within
 * {@code gateway.upstream.max-sends} ({@link SendBudget}). A failure that is not the client's own mistake (a spent
 * quota, a throttle, a dead credential, a failing server) then goes to the next upstream, at most
 * {@code gateway.pool.max-failovers} times, all before the first byte reaches the client; the pool sets the failed
 * upstream aside as the failure says. When no upstream is left, the client gets the last upstream's error. So one
 * request costs at most {@code max-sends × (1 + max-failovers)} sends.
 *
 * <p>During the call the log context ({@link MDC}) carries the upstream's name as {@code upstream}; the answer
 * ({@link UpstreamResponse#upstreamName()}) and a failure ({@link ApiException#upstream()}) carry it too.
 */
@Component
public class UpstreamCaller {

    /** The log context key of the upstream being called. */
    public static final String MDC_UPSTREAM = "upstream";

    private static final Logger log = LoggerFactory.getLogger(UpstreamCaller.class);

    private final UpstreamClient client;
    private final UpstreamPool pool;
    private final UpstreamErrorClassifier classifier;
    private final UpstreamProperties properties;
    private final Retry staleTokenRetry;
    private final Retry transientRetry;

    public UpstreamCaller(UpstreamClient client, UpstreamPool pool, UpstreamErrorClassifier classifier,
            UpstreamProperties properties) {
        this.client = client;
        this.pool = pool;
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
        Route route = pool.route(request.routing());
        ApiException lastError = null;
        for (PoolMember member = route.next(); member != null; member = route.next()) {
            String outer = MDC.get(MDC_UPSTREAM);
            MDC.put(MDC_UPSTREAM, member.name());
            try {
                UpstreamResponse response = callOn(member, request);
                pool.succeeded(member, request.routing());
                return response.servedBy(member.name());
            } catch (MemberFailure e) {
                UpstreamFailure failure = e.failure;
                ApiException error = failure.error().fromUpstream(member.name());
                pool.failed(member, failure.effect(), failure.window(), failure.retryAfter(),
                        error.code() != null ? error.code() : error.type(), error.getMessage());
                if (!failure.failsOver()) {
                    throw error;
                }
                UpstreamEvents.failedOver(member.name(), error.code() != null ? error.code() : error.type());
                lastError = error;
            } finally {
                if (outer == null) {
                    MDC.remove(MDC_UPSTREAM);
                } else {
                    MDC.put(MDC_UPSTREAM, outer);
                }
            }
        }
        throw lastError != null ? lastError : route.refusal();
    }

    /** The call on one upstream, with its retries; a failure is thrown as a {@link MemberFailure}. */
    private UpstreamResponse callOn(PoolMember member, UpstreamRequest request) {
        Attempts attempts = new Attempts(member, new SendBudget(properties.maxSends()));
        try {
            return transientRetry.executeCallable(
                    () -> staleTokenRetry.executeCallable(() -> attempt(request, attempts)));
        } catch (RetryableFailure e) {
            if (!e.sendsLeft) {
                log.warn("Giving up on the Qwen call after {} sends (gateway.upstream.max-sends: {})",
                        attempts.sends.sent(), attempts.sends.max());
            }
            // No attempt left on this upstream: another may serve.
            throw new MemberFailure(e.failure().kind() == UpstreamFailure.Kind.TRANSIENT ? e.failure()
                    : new UpstreamFailure(UpstreamFailure.Kind.FINAL, e.failure().error(), FailureEffect.FAILING,
                            null, null));
        } catch (MemberFailure e) {
            throw e;
        } catch (CredentialUnavailableException e) {
            // A missing or dead login, a refused key: disabled until it changes. A passing refresh failure: elsewhere.
            FailureEffect effect = e.status() == HttpStatus.UNAUTHORIZED ? FailureEffect.DEAD : FailureEffect.FAILING;
            throw new MemberFailure(new UpstreamFailure(UpstreamFailure.Kind.FINAL, e, effect, null, null));
        } catch (ApiException e) {
            throw new MemberFailure(new UpstreamFailure(UpstreamFailure.Kind.FINAL, e));
        } catch (Exception e) {
            throw new MemberFailure(new UpstreamFailure(UpstreamFailure.Kind.FINAL, ApiException.serverError(
                    HttpStatus.BAD_GATEWAY, "upstream_error", "Calling Qwen failed: " + e.getMessage()),
                    FailureEffect.FAILING, null, null));
        }
    }

    private UpstreamResponse attempt(UpstreamRequest request, Attempts attempts) {
        CredentialSource credentials = attempts.member.credentials();
        UpstreamCredential credential = attempts.renewed != null ? attempts.renewed : credentials.current();
        UpstreamResponse response;
        attempts.sends.count();
        try {
            response = client.open(request, credential, attempts.member.headerProfile(), attempts.sends);
        } catch (FirstByteTimeoutException e) {
            Duration limit = properties.firstByteTimeout(request.streaming());
            log.warn("Qwen sent no response within {}; answering 504 without retrying", UpstreamTimeouts.describe(limit));
            // Not sent elsewhere either: the request reached the upstream, which may still be generating.
            throw new MemberFailure(new UpstreamFailure(UpstreamFailure.Kind.FINAL,
                    UpstreamTimeouts.noResponse(limit, request.streaming()), FailureEffect.NONE, null, null));
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
            default -> throw new MemberFailure(failure);
        }
    }

    /**
     * A stream request answered with JSON is Qwen reporting an error with a 2xx status; caught here, it still goes
     * to the client as a plain JSON error rather than as a broken stream (or to another upstream).
     */
    private UpstreamResponse requireEventStream(UpstreamResponse response) {
        String type = response.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return response;
        }
        throw new MemberFailure(classifier.inBandFailure(null, errorText(response)));
    }

    /** The start of an error body, enough to classify it; closes the response. */
    private String errorText(UpstreamResponse response) {
        try (response) {
            return response.readText(properties.maxErrorBody());
        } catch (IOException e) {
            return "";
        }
    }

    /** Per-call state shared by the attempts on one upstream: the sends so far, and the renewed credential. */
    private static final class Attempts {
        private final PoolMember member;
        private final SendBudget sends;
        private UpstreamCredential renewed;

        private Attempts(PoolMember member, SendBudget sends) {
            this.member = member;
            this.sends = sends;
        }
    }

    /** The call on one upstream ended without a 2xx: what it means, for the failover and the pool. */
    private static final class MemberFailure extends RuntimeException {
        private final UpstreamFailure failure;

        MemberFailure(UpstreamFailure failure) {
            super(failure.error().getMessage(), null, false, false);
            this.failure = failure;
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

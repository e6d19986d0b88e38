package io.qwengateway.observe;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import io.qwengateway.web.CurrentRequest;

/**
 * The one seam between the request path and the operator's view: the pipeline starts an {@link Exchange} for each
 * model request, whatever the protocol, and its finish goes to every {@link ExchangeObserver} (request line, debug
 * files, usage history, metrics, token calibration). Observers run after the answer is decided and cannot change
 * it; one that fails is logged and skipped.
 */
@Component
public class Exchanges implements Exchange.ExchangeSink {

    private static final Logger log = LoggerFactory.getLogger(Exchanges.class);

    private final ObjectProvider<ExchangeObserver> observerBeans;
    private final UpstreamNames upstreamNames;
    private final int capturePartLimit;
    private final AtomicInteger activeStreams = new AtomicInteger();
    private volatile List<ExchangeObserver> observers;
    private volatile boolean capture;
    private volatile boolean captureEvery;

    public Exchanges(ObjectProvider<ExchangeObserver> observerBeans, UpstreamNames upstreamNames,
            @Value("${gateway.debug-log.max-part-size:1MB}") DataSize capturePartLimit) {
        this.observerBeans = observerBeans;
        this.upstreamNames = upstreamNames;
        this.capturePartLimit = (int) Math.min(Integer.MAX_VALUE, capturePartLimit.toBytes());
    }

    /** A new exchange for the model request being served (its id, path and arrival from the servlet request). */
    public Exchange start() {
        List<ExchangeObserver> all = observers();
        String path = CurrentRequest.path();
        Capture content = capture ? new Capture(capturePartLimit) : null;
        Exchange exchange = new Exchange(all.isEmpty() ? null : this, CurrentRequest.id(), protocolOf(path), path,
                Instant.now(), CurrentRequest.arrivalNanos(), content);
        if (content != null) {
            exchange.clientRequest(CurrentRequest.requestLine(), captureEvery ? CurrentRequest.headers() : null,
                    CurrentRequest.rawBody());
        }
        return exchange;
    }

    /** The client's API, told by the path: Anthropic's Messages, or OpenAI's. */
    static String protocolOf(String path) {
        return path.startsWith("/v1/messages") ? "anthropic" : "openai";
    }

    public int activeStreams() {
        return activeStreams.get();
    }

    @Override
    public void streamStarted(Exchange exchange) {
        activeStreams.incrementAndGet();
    }

    @Override
    public String defaultUpstream() {
        return upstreamNames.current();
    }

    @Override
    public void finished(Exchange exchange, ExchangeRecord record) {
        if (exchange.wasStreaming()) {
            activeStreams.decrementAndGet();
        }
        for (ExchangeObserver observer : observers()) {
            try {
                observer.observe(record);
            } catch (RuntimeException e) {
                log.warn("{} failed on request {}: {}", observer.getClass().getSimpleName(), record.requestId(),
                        e.toString());
            }
        }
    }

    /** Resolved on first use: observers depend on beans (the metrics registry) that may depend on this one. */
    private List<ExchangeObserver> observers() {
        List<ExchangeObserver> resolved = observers;
        if (resolved == null) {
            resolved = observerBeans.orderedStream().toList();
            capture = resolved.stream().anyMatch(ExchangeObserver::wantsCapture);
            captureEvery = resolved.stream().anyMatch(ExchangeObserver::wantsEveryCapture);
            observers = resolved;
        }
        return resolved;
    }
}

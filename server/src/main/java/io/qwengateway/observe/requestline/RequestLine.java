package io.qwengateway.observe.requestline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.qwengateway.auth.cli.TerminalOutput;
import io.qwengateway.observe.BackgroundQueue;
import io.qwengateway.observe.DropsWork;
import io.qwengateway.observe.ExchangeObserver;
import io.qwengateway.observe.ExchangeRecord;
import io.qwengateway.observe.Usage;

/**
 * One line per model request on the console, at INFO (WARN when it carries a warning), on the logger
 * {@value #LOGGER}: protocol and endpoint, model and upstream, stream or not, the estimated input tokens, the usage
 * Qwen reported, status and outcome, latency and time to the first token, then what the gateway adjusted and what
 * the operator should know. The log pattern adds the time and the request id. Written on its own thread: a console
 * that blocks (a paused terminal, a full pipe) holds up no request, and lines beyond the queue are dropped and
 * counted.
 */
@Component
@ConditionalOnBooleanProperty(name = "gateway.request-log.enabled", matchIfMissing = true)
public class RequestLine implements ExchangeObserver, DropsWork, DisposableBean {

    static final String LOGGER = "io.qwengateway.requests";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[31m";
    private static final String RESET = "\u001b[0m";

    private final boolean colours;
    private final BackgroundQueue queue;

    public RequestLine(RequestLineProperties properties, Environment environment) {
        this.colours = properties.colours() && TerminalOutput.detect().colours() && !logsToFile(environment);
        this.queue = new BackgroundQueue("request-line", properties.queueCapacity());
    }

    /** Colour codes would end up in the log file too: the message is the same for every appender. */
    private static boolean logsToFile(Environment environment) {
        return environment.containsProperty("logging.file.name") || environment.containsProperty("logging.file.path");
    }

    @Override
    public void observe(ExchangeRecord exchange) {
        if (log.isInfoEnabled()) {
            queue.offer(() -> write(exchange));
        }
    }

    private void write(ExchangeRecord exchange) {
        MDC.put("requestId", exchange.requestId());
        try {
            String line = format(exchange, colours);
            if (exchange.warnings().isEmpty()) {
                log.info(line);
            } else {
                log.warn(line);
            }
        } finally {
            MDC.remove("requestId");
        }
    }

    static String format(ExchangeRecord exchange, boolean colours) {
        StringBuilder line = new StringBuilder(192);
        line.append(exchange.protocol()).append(' ').append(exchange.endpoint())
                .append(" model=").append(orDash(exchange.model()))
                .append(" upstream=").append(orDash(exchange.upstream()))
                .append(" stream=").append(exchange.stream())
                .append(" est=").append(exchange.estimated() < 0 ? "-" : Long.toString(exchange.estimated()));
        Usage usage = exchange.usage();
        if (usage == null) {
            line.append(" prompt=- completion=- cached=- reasoning=-");
        } else {
            line.append(" prompt=").append(usage.prompt()).append(" completion=").append(usage.completion())
                    .append(" cached=").append(usage.cached()).append(" reasoning=").append(usage.reasoning());
        }
        String colour = colours ? colourOf(exchange.outcome()) : null;
        if (colour != null) {
            line.append(' ').append(colour);
        } else {
            line.append(' ');
        }
        line.append("status=").append(exchange.status()).append(' ').append(exchange.outcome().label());
        if (exchange.errorCode() != null) {
            line.append(" error=").append(exchange.errorCode());
        }
        if (colour != null) {
            line.append(RESET);
        }
        line.append(" latency=").append(millis(exchange.latencyNanos()))
                .append(" ttft=").append(exchange.firstTokenNanos() < 0 ? "-" : millis(exchange.firstTokenNanos()));
        for (String adjustment : exchange.adjustments()) {
            line.append(" adjusted: ").append(adjustment).append(';');
        }
        for (String warning : exchange.warnings()) {
            line.append(colours ? " " + YELLOW + "warning: " + warning + RESET : " warning: " + warning).append(';');
        }
        if (line.charAt(line.length() - 1) == ';') {
            line.setLength(line.length() - 1);
        }
        return line.toString();
    }

    private static String colourOf(ExchangeRecord.Outcome outcome) {
        return switch (outcome) {
            case OK -> GREEN;
            case CLIENT_ERROR, CANCELLED -> YELLOW;
            case ERROR -> RED;
        };
    }

    /** Milliseconds with one decimal; by hand, as {@code String.format} costs more than the rest of the line. */
    private static String millis(long nanos) {
        long tenths = Math.round(nanos / 100_000.0);
        return (tenths / 10) + "." + (tenths % 10) + "ms";
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    @Override
    public String droppedKind() {
        return "request_line";
    }

    @Override
    public long dropped() {
        return queue.dropped();
    }

    @Override
    public void destroy() {
        queue.close();
    }
}

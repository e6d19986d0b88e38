package io.qwengateway.observe.debug;

import java.util.Locale;
import java.util.Map;

import io.qwengateway.observe.Capture;
import io.qwengateway.observe.ExchangeRecord;
import io.qwengateway.observe.Usage;

/**
 * One exchange as a debug file shows it: its facts (route, model, upstream, status, timings, the token estimate raw
 * and corrected, the usage Qwen reported, adjustments, warnings, the error), then the client request, the upstream
 * request, the upstream response (a stream's events as they arrived) and the client response, all masked.
 */
final class DebugText {

    private DebugText() {
    }

    static String render(ExchangeRecord exchange, Masking masking) {
        StringBuilder text = new StringBuilder(4096);
        text.append("Qwen Gateway request ").append(exchange.requestId()).append('\n');
        field(text, "time", exchange.startedAt().toString());
        field(text, "route", exchange.protocol() + " " + exchange.endpoint());
        field(text, "model", (exchange.model() == null ? "-" : exchange.model()) + " via " + exchange.upstream()
                + (exchange.stream() ? ", stream" : ""));
        field(text, "status", exchange.status() + " " + exchange.outcome().label());
        field(text, "latency", millis(exchange.latencyNanos()) + " (upstream "
                + (exchange.upstreamNanos() < 0 ? "-" : millis(exchange.upstreamNanos())) + ", gateway "
                + millis(exchange.overheadNanos()) + "), first token "
                + (exchange.firstTokenNanos() < 0 ? "-" : millis(exchange.firstTokenNanos())));
        field(text, "estimate", estimate(exchange));
        Usage usage = exchange.usage();
        field(text, "usage", usage == null ? "none reported" : "prompt " + usage.prompt() + ", completion "
                + usage.completion() + ", cached " + usage.cached() + ", reasoning " + usage.reasoning());
        exchange.adjustments().forEach(adjustment -> field(text, "adjusted", adjustment));
        exchange.warnings().forEach(warning -> field(text, "warning", warning));
        if (exchange.errorCode() != null || exchange.errorMessage() != null) {
            field(text, "error", exchange.errorCode() + ": " + masking.text(exchange.errorMessage()));
        }
        Capture capture = exchange.capture();
        if (capture != null) {
            section(text, "client request");
            text.append(capture.clientRequestLine()).append('\n');
            for (Map.Entry<String, String> header : masking.headers(capture.clientHeaders())) {
                text.append(header.getKey()).append(": ").append(header.getValue()).append('\n');
            }
            text.append('\n');
            body(text, masking.body(capture.clientBody()));
            section(text, "upstream request");
            if (capture.upstreamPath() != null) {
                text.append("POST ").append(capture.upstreamPath()).append('\n');
            }
            body(text, masking.body(capture.upstreamBody()));
            section(text, "upstream response" + (exchange.stream() ? " (events as they arrived)" : ""));
            body(text, exchange.stream() ? masking.text(capture.upstreamResponse())
                    : masking.body(capture.upstreamResponse()));
            section(text, "client response");
            body(text, exchange.stream() ? masking.text(capture.clientResponse())
                    : masking.body(capture.clientResponse()));
        }
        return text.toString();
    }

    private static String estimate(ExchangeRecord exchange) {
        if (exchange.estimatedRaw() < 0) {
            return "none";
        }
        String ratio = exchange.estimatedRaw() == 0 ? "" : String.format(Locale.ROOT, ", calibration ×%.3f",
                (double) exchange.estimated() / exchange.estimatedRaw());
        return exchange.estimated() + " input tokens (raw " + exchange.estimatedRaw() + ratio + ")";
    }

    private static void field(StringBuilder text, String name, String value) {
        text.append(String.format(Locale.ROOT, "%-9s ", name)).append(value).append('\n');
    }

    private static void section(StringBuilder text, String title) {
        text.append("\n=== ").append(title).append('\n');
    }

    private static void body(StringBuilder text, String body) {
        text.append(body == null ? "(none)" : body);
        if (text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}

package io.qwengateway.tokens;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.qwengateway.observe.ExchangeObserver;
import io.qwengateway.observe.ExchangeRecord;

/**
 * Per model, the running ratio of the {@code prompt_tokens} the upstream reported to the gateway's raw estimate, and
 * the correction of later estimates by it: the tokenizer the gateway has is not the upstream's, and the upstream's
 * template adds what no client sees. Both sums are exponential moving averages ({@code gateway.tokens.calibration
 * .weight} for the newest request), so the ratio follows a change of tokenizer and weighs large requests, whose ratio
 * fixed overheads distort least, more than small ones. An observer of every exchange with reported usage.
 */
@Component
public class TokenCalibration implements ExchangeObserver {

    private final TokenProperties.Calibration settings;
    private final Map<String, Ratio> ratios = new ConcurrentHashMap<>();

    public TokenCalibration(TokenProperties properties) {
        this.settings = properties.calibration();
    }

    @Override
    public void observe(ExchangeRecord exchange) {
        if (exchange.usage() != null && exchange.model() != null) {
            learn(exchange.model(), exchange.estimatedRaw(), exchange.usage().prompt());
        }
    }

    void learn(String model, long estimated, long reported) {
        if (!settings.enabled() || estimated < Math.max(1, settings.minTokens()) || reported <= 0) {
            return;
        }
        double sample = (double) reported / estimated;
        if (sample < settings.minRatio() || sample > settings.maxRatio()) {
            return;
        }
        double weight = settings.weight();
        ratios.compute(model, (name, ratio) -> ratio == null ? new Ratio(reported, estimated, 1)
                : new Ratio(ratio.reported * (1 - weight) + reported, ratio.estimated * (1 - weight) + estimated,
                        ratio.samples + 1));
    }

    /** {@code raw} corrected by the model's ratio, once it has enough samples. */
    public long correct(String model, long raw) {
        Ratio ratio = model == null ? null : ratios.get(model);
        if (!settings.enabled() || ratio == null || ratio.samples < settings.minSamples()) {
            return raw;
        }
        return Math.round(raw * ratio.value());
    }

    /** The model's ratio of reported to estimated tokens; 1 while it has none. */
    public double ratio(String model) {
        Ratio ratio = ratios.get(model);
        return ratio == null || ratio.samples < settings.minSamples() ? 1.0 : ratio.value();
    }

    private record Ratio(double reported, double estimated, int samples) {
        double value() {
            return reported / estimated;
        }
    }
}

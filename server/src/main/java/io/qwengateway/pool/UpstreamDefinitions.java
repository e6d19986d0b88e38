package io.qwengateway.pool;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The upstreams as configured: {@code gateway.upstreams} (the pool, when set; otherwise the shortcuts make it, see
 * {@link PoolShortcuts}) and {@code gateway.upstream-presets} (the wire facts of the known services, in
 * {@code application.yml}).
 *
 * @param upstreams       the pool, in order (fill-first goes by it, and the failovers too)
 * @param upstreamPresets by name: {@code dashscope}, {@code coding-plan}, {@code qwen-oauth}, ...
 */
@Validated
@ConfigurationProperties("gateway")
public record UpstreamDefinitions(@Valid List<Upstream> upstreams, Map<String, @Valid Preset> upstreamPresets) {

    public UpstreamDefinitions {
        upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
        upstreamPresets = upstreamPresets == null ? Map.of() : Map.copyOf(upstreamPresets);
    }

    /**
     * One upstream. Unset fields come from the preset, then from the defaults ({@code models: *}, weight 1, no rpm
     * limit, the {@code qwen-code} header profile, enabled).
     *
     * @param name            how logs, {@code /health}, {@code X-Qwen-Upstream} and the admin routes call it
     * @param kind            {@code api-key} or {@code qwen-oauth}
     * @param preset          a name from {@code gateway.upstream-presets}
     * @param baseUrl         for {@code api-key}: the OpenAI-compatible base URL, unless the preset gives it (a
     *                        {@code qwen-oauth} upstream takes its URL from its credentials' {@code resource_url})
     * @param apiKey          the key itself (prefer {@code api-key-env})
     * @param apiKeyEnv       the environment variable that holds the key
     * @param credentialsFile for {@code qwen-oauth}: the credentials file ({@code ~} is the home directory); default
     *                        {@code $QWEN_HOME/oauth_creds.json}
     * @param models          the model names it serves, {@code *} for any
     * @param weight          its share under the {@code weighted} strategy
     * @param rpm             requests per minute the gateway sends it at most; 0 for no limit
     * @param headerProfile   a profile of {@code gateway.pool.header-profiles}, {@code qwen-code} or {@code none}
     * @param enabled         false: configured but serving nothing until enabled over the admin routes
     */
    public record Upstream(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}",
                    message = "may use letters, digits, '.', '_' and '-' (at most 64)") String name,
            UpstreamKind kind,
            String preset,
            String baseUrl,
            String apiKey,
            String apiKeyEnv,
            Path credentialsFile,
            List<String> models,
            @Min(1) Integer weight,
            @Min(0) Integer rpm,
            String headerProfile,
            Boolean enabled) {

        /** No secret in logs or error messages. */
        @Override
        public String toString() {
            return "Upstream[" + name + "]";
        }
    }

    /**
     * The wire facts of one service, in configuration rather than code.
     *
     * @param kind          how it authenticates
     * @param baseUrl       its OpenAI-compatible base URL
     * @param models        the models it serves ({@code *} for any)
     * @param headerProfile the header profile it gets unless the upstream names one
     * @param keyPrefix     how its keys start, e.g. {@code sk-sp-}; a key that does not is a startup warning
     * @param keyHint       what that warning adds (what the service answers to such a key)
     */
    public record Preset(UpstreamKind kind, String baseUrl, List<String> models, String headerProfile,
            String keyPrefix, String keyHint) {
    }
}

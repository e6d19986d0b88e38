package io.qwengateway.pool;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The environment variables that make a pool without a configuration file: {@code gateway.shortcuts.*}. Each key set
 * is one upstream of its service's preset; {@code QWEN_API_KEY} ({@code gateway.api-key.*}) and the OAuth accounts
 * in {@code QWEN_HOME} are the others. Unused when {@code gateway.upstreams} is set.
 *
 * @param dashscopeApiKey   {@code DASHSCOPE_API_KEY}: a Model Studio key, upstream {@code dashscope}
 * @param dashscopeRegion   {@code DASHSCOPE_REGION}: where that key (and the plan keys) belong
 * @param codingPlanApiKey  {@code BAILIAN_CODING_PLAN_API_KEY}: a Coding Plan key ({@code sk-sp-}), upstream
 *                          {@code coding-plan}
 * @param tokenPlanApiKey   {@code BAILIAN_TOKEN_PLAN_API_KEY}: a Token Plan key, upstream {@code token-plan}
 * @param regions           by region: the preset of each service there ({@code dashscope}, {@code coding-plan},
 *                          {@code token-plan})
 * @param regionAliases     other names of the regions ({@code ap-southeast-1} for {@code singapore}, ...)
 */
@ConfigurationProperties("gateway.shortcuts")
public record PoolShortcuts(String dashscopeApiKey, String dashscopeRegion, String codingPlanApiKey,
        String tokenPlanApiKey, Map<String, Map<String, String>> regions, Map<String, String> regionAliases) {

    public static final String DASHSCOPE = "dashscope";
    public static final String CODING_PLAN = "coding-plan";
    public static final String TOKEN_PLAN = "token-plan";

    public PoolShortcuts {
        dashscopeApiKey = blankToNull(dashscopeApiKey);
        codingPlanApiKey = blankToNull(codingPlanApiKey);
        tokenPlanApiKey = blankToNull(tokenPlanApiKey);
        dashscopeRegion = dashscopeRegion == null || dashscopeRegion.isBlank() ? "cn-beijing" : dashscopeRegion.strip();
        regions = regions == null ? Map.of() : Map.copyOf(regions);
        regionAliases = regionAliases == null ? Map.of() : Map.copyOf(regionAliases);
    }

    /** The preset of {@code service} in the configured region; fails naming the region and the known ones. */
    public String presetFor(String service) {
        String region = regionAliases.getOrDefault(dashscopeRegion, dashscopeRegion);
        Map<String, String> presets = regions.get(region);
        if (presets == null || !presets.containsKey(service)) {
            throw new IllegalStateException("DASHSCOPE_REGION (gateway.shortcuts.dashscope-region) is '"
                    + dashscopeRegion + "', which is no known region: use one of " + regions.keySet() + " or "
                    + regionAliases.keySet());
        }
        return presets.get(service);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return "PoolShortcuts[region=" + dashscopeRegion + "]";
    }
}

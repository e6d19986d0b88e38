package io.qwengateway.pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

import io.qwengateway.config.UserHome;
import io.qwengateway.credentials.ApiKeyCredentialSource;
import io.qwengateway.credentials.ApiKeyProperties;
import io.qwengateway.credentials.CredentialFileLock;
import io.qwengateway.credentials.CredentialFileStore;
import io.qwengateway.credentials.CredentialFiles;
import io.qwengateway.credentials.CredentialSource;
import io.qwengateway.credentials.QwenOAuthClient;
import io.qwengateway.credentials.QwenOAuthCredentialSource;
import io.qwengateway.credentials.QwenOAuthProperties;
import io.qwengateway.credentials.SharedRefreshProperties;
import io.qwengateway.credentials.SharedRefreshes;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns the configuration into the pool's upstreams: the {@code gateway.upstreams} list with its presets, or, without
 * one, the shortcuts ({@code QWEN_API_KEY}, {@code DASHSCOPE_API_KEY}, the plan keys, every {@code oauth_creds*.json}
 * in {@code QWEN_HOME}) chosen by {@code gateway.credentials.source}. A mistake stops the start with a message naming
 * the key; none names a key's value.
 */
final class PoolAssembly {

    private static final Logger log = LoggerFactory.getLogger(PoolAssembly.class);

    static final String QWEN_CODE_PROFILE = "qwen-code";
    static final String NO_PROFILE = "none";
    static final String DEFAULT_ACCOUNT = "default";
    static final String API_KEY_SHORTCUT = "api-key";

    private final UpstreamDefinitions definitions;
    private final PoolShortcuts shortcuts;
    private final PoolProperties pool;
    private final Map<String, String> defaultHeaders;
    private final ApiKeyProperties apiKey;
    private final QwenOAuthProperties oauth;
    private final String source;
    private final Environment environment;
    private final QwenOAuthClient oauthClient;
    private final Clock clock;
    private final ObjectMapper json;
    private final SharedRefreshes sharedRefreshes;
    private final SharedRefreshProperties sharedRefreshSettings;
    /** The rpm limit of each upstream, by name, filled while the members are made. */
    private final Map<String, Integer> rpm = new LinkedHashMap<>();
    /** Upstreams configured with {@code enabled: false}, with the key that says so. */
    private final Map<String, String> disabled = new LinkedHashMap<>();

    PoolAssembly(UpstreamDefinitions definitions, PoolShortcuts shortcuts, PoolProperties pool,
            Map<String, String> defaultHeaders, ApiKeyProperties apiKey, QwenOAuthProperties oauth, String source,
            Environment environment, QwenOAuthClient oauthClient, Clock clock, ObjectMapper json,
            SharedRefreshes sharedRefreshes, SharedRefreshProperties sharedRefreshSettings) {
        this.definitions = definitions;
        this.shortcuts = shortcuts;
        this.pool = pool;
        this.defaultHeaders = defaultHeaders;
        this.apiKey = apiKey;
        this.oauth = oauth;
        this.source = source;
        this.environment = environment;
        this.oauthClient = oauthClient;
        this.clock = clock;
        this.json = json;
        this.sharedRefreshes = sharedRefreshes;
        this.sharedRefreshSettings = sharedRefreshSettings;
    }

    Map<String, Integer> rpm() {
        return rpm;
    }

    Map<String, String> disabledInConfiguration() {
        return disabled;
    }

    /** Whether new accounts in {@code QWEN_HOME} join the pool: it is made of the accounts found there. */
    boolean discoversAccounts() {
        return definitions.upstreams().isEmpty() && !usesKeysOnly() && (oauth.account() == null
                || oauth.account().isBlank());
    }

    List<PoolMember> members() {
        List<PoolMember> members = definitions.upstreams().isEmpty() ? fromShortcuts() : fromDefinitions();
        Set<String> names = new HashSet<>();
        for (PoolMember member : members) {
            if (!names.add(member.name())) {
                throw new IllegalStateException("Two upstreams are named '" + member.name() + "': give each its own "
                        + "name (gateway.upstreams[*].name; an OAuth account is named after its file "
                        + "oauth_creds_<name>.json)");
            }
        }
        return members;
    }

    /** The upstream for a credentials file in {@code QWEN_HOME}: {@code default}, or its account's name. */
    PoolMember oauthAccount(Path file) {
        String name = CredentialFiles.accountOf(file).orElse(DEFAULT_ACCOUNT);
        rpm.putIfAbsent(name, 0);
        return oauthMember(name, file, ModelSet.ALL, 1, defaultHeaders);
    }

    private List<PoolMember> fromDefinitions() {
        List<PoolMember> members = new ArrayList<>();
        Set<Path> files = new HashSet<>();
        List<UpstreamDefinitions.Upstream> upstreams = definitions.upstreams();
        for (int i = 0; i < upstreams.size(); i++) {
            UpstreamDefinitions.Upstream upstream = upstreams.get(i);
            String key = "gateway.upstreams[" + i + "]";
            UpstreamDefinitions.Preset preset = preset(upstream.preset(), key);
            UpstreamKind kind = kind(upstream, preset, key);
            ModelSet models = ModelSet.of(upstream.models() != null ? upstream.models()
                    : preset != null ? preset.models() : null);
            int weight = upstream.weight() == null ? 1 : upstream.weight();
            String profileName = firstSet(upstream.headerProfile(), preset == null ? null : preset.headerProfile(),
                    QWEN_CODE_PROFILE);
            Map<String, String> profile = headerProfile(profileName, key + ".header-profile");
            rpm.put(upstream.name(), upstream.rpm() == null ? 0 : upstream.rpm());
            if (Boolean.FALSE.equals(upstream.enabled())) {
                disabled.put(upstream.name(), key + ".enabled");
            }
            if (kind == UpstreamKind.QWEN_OAUTH) {
                if (upstream.apiKey() != null || upstream.apiKeyEnv() != null || upstream.baseUrl() != null) {
                    throw new IllegalStateException(key + ": a qwen-oauth upstream takes its token and base URL from "
                            + "its credentials file (credentials-file); remove api-key, api-key-env and base-url");
                }
                Path file = upstream.credentialsFile() == null ? oauth.home().resolve(CredentialFiles.DEFAULT_FILE)
                        : UserHome.expand(upstream.credentialsFile());
                if (!files.add(file.toAbsolutePath().normalize())) {
                    throw new IllegalStateException(key + ".credentials-file: " + file.getFileName()
                            + " is served by another upstream already");
                }
                members.add(oauthMember(upstream.name(), file, models, weight, profile));
            } else {
                if (upstream.credentialsFile() != null) {
                    throw new IllegalStateException(key + ".credentials-file: only a qwen-oauth upstream has one");
                }
                String baseUrl = firstSet(upstream.baseUrl(), preset == null ? null : preset.baseUrl(), null);
                if (baseUrl == null) {
                    throw new IllegalStateException(key + ".base-url: an api-key upstream needs base-url or a "
                            + "preset (" + String.join(", ", definitions.upstreamPresets().keySet()) + ")");
                }
                String secret = key(upstream, key);
                warnOnKeyPrefix(upstream.name(), secret, preset, upstream.preset());
                members.add(keyMember(upstream.name(), secret, keyOrigin(upstream, key), baseUrl, Map.of(), models,
                        weight, profile));
            }
        }
        if (!shortcutKeys().isEmpty()) {
            log.info("gateway.upstreams is set, so it is the pool: the API key variables (DASHSCOPE_API_KEY, ...) "
                    + "are not added to it (refer to one with api-key-env)");
        }
        return members;
    }

    private List<PoolMember> fromShortcuts() {
        List<PoolMember> keys = shortcutKeys();
        boolean keysOnly = usesKeysOnly();
        boolean oauthOnly = switch (source) {
            case "qwen-oauth" -> true;
            case "auto" -> keys.isEmpty();
            case "api-key", "all" -> false;
            default -> throw new IllegalStateException("gateway.credentials.source (QWEN_CREDENTIAL_SOURCE) must be "
                    + "auto, qwen-oauth, api-key or all, not " + source);
        };
        if (source.equals("api-key") && keys.isEmpty()) {
            throw new IllegalStateException("gateway.credentials.source=api-key needs QWEN_API_KEY "
                    + "(gateway.api-key.key), DASHSCOPE_API_KEY, BAILIAN_CODING_PLAN_API_KEY or "
                    + "BAILIAN_TOKEN_PLAN_API_KEY");
        }
        List<PoolMember> members = new ArrayList<>();
        if (!oauthOnly) {
            members.addAll(keys);
        }
        if (!keysOnly) {
            members.addAll(oauthAccounts());
        }
        return members;
    }

    private boolean usesKeysOnly() {
        return source.equals("api-key") || source.equals("auto") && hasShortcutKey();
    }

    private boolean hasShortcutKey() {
        return apiKey.configured() || shortcuts.dashscopeApiKey() != null || shortcuts.codingPlanApiKey() != null
                || shortcuts.tokenPlanApiKey() != null;
    }

    /** One upstream per key variable set: QWEN_API_KEY, DASHSCOPE_API_KEY, the Coding and Token Plan keys. */
    private List<PoolMember> shortcutKeys() {
        List<PoolMember> keys = new ArrayList<>();
        Map<String, String> profile = defaultHeaders;
        if (apiKey.configured()) {
            rpm.put(API_KEY_SHORTCUT, 0);
            keys.add(keyMember(API_KEY_SHORTCUT, apiKey.key(), "gateway.api-key.key / QWEN_API_KEY", apiKey.baseUrl(),
                    apiKey.headers(), ModelSet.ALL, 1, profile));
        }
        addShortcut(keys, PoolShortcuts.DASHSCOPE, shortcuts.dashscopeApiKey(), "DASHSCOPE_API_KEY");
        addShortcut(keys, PoolShortcuts.CODING_PLAN, shortcuts.codingPlanApiKey(), "BAILIAN_CODING_PLAN_API_KEY");
        addShortcut(keys, PoolShortcuts.TOKEN_PLAN, shortcuts.tokenPlanApiKey(), "BAILIAN_TOKEN_PLAN_API_KEY");
        return keys;
    }

    private void addShortcut(List<PoolMember> keys, String service, String secret, String variable) {
        if (secret == null) {
            return;
        }
        if (apiKey.configured() && secret.equals(apiKey.key())) {
            log.info("{} holds the same key as QWEN_API_KEY: one upstream serves it", variable);
            return;
        }
        String presetName = shortcuts.presetFor(service);
        UpstreamDefinitions.Preset preset = preset(presetName, variable + " (preset " + presetName + ")");
        warnOnKeyPrefix(service, secret, preset, presetName);
        rpm.put(service, 0);
        keys.add(keyMember(service, secret, variable, preset.baseUrl(), Map.of(), ModelSet.of(preset.models()), 1,
                headerProfile(firstSet(preset.headerProfile(), QWEN_CODE_PROFILE, null),
                        "gateway.upstream-presets." + presetName + ".header-profile")));
    }

    /** {@code oauth_creds.json} as {@code default} (even before a login), and every {@code oauth_creds_<name>.json}. */
    private List<PoolMember> oauthAccounts() {
        if (oauth.account() != null && !oauth.account().isBlank()) {
            return List.of(oauthAccount(oauth.credentialsFile())); // QWEN_ACCOUNT: that account only
        }
        List<PoolMember> accounts = new ArrayList<>();
        accounts.add(oauthAccount(oauth.home().resolve(CredentialFiles.DEFAULT_FILE)));
        try {
            for (Path file : CredentialFiles.in(oauth.home())) {
                if (CredentialFiles.accountOf(file).isPresent()) {
                    accounts.add(oauthAccount(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the Qwen accounts in " + oauth.home(), e);
        }
        return accounts;
    }

    private PoolMember oauthMember(String name, Path file, ModelSet models, int weight, Map<String, String> profile) {
        // The account's name is the same on every replica, so its refreshes are agreed on under it.
        CredentialSource credentials = new QwenOAuthCredentialSource(oauth, new CredentialFileStore(file, json),
                new CredentialFileLock(CredentialFiles.lockFor(file), oauth.lock(), clock), oauthClient, clock, name,
                sharedRefreshes.forAccount(name), sharedRefreshSettings);
        return new PoolMember(name, UpstreamKind.QWEN_OAUTH, credentials, models, weight, profile, null);
    }

    private PoolMember keyMember(String name, String secret, String origin, String baseUrl,
            Map<String, String> headers, ModelSet models, int weight, Map<String, String> profile) {
        ApiKeyCredentialSource credentials = new ApiKeyCredentialSource(new ApiKeyProperties(secret, baseUrl, headers),
                origin);
        return new PoolMember(name, UpstreamKind.API_KEY, credentials, models, weight, profile,
                credentials.baseUrl().orElse(baseUrl));
    }

    private UpstreamDefinitions.Preset preset(String name, String key) {
        if (name == null) {
            return null;
        }
        UpstreamDefinitions.Preset preset = definitions.upstreamPresets().get(name);
        if (preset == null) {
            throw new IllegalStateException(key + (key.startsWith("gateway.upstreams") ? ".preset" : "")
                    + ": no preset named '" + name + "'; known: "
                    + String.join(", ", definitions.upstreamPresets().keySet()));
        }
        return preset;
    }

    private static UpstreamKind kind(UpstreamDefinitions.Upstream upstream, UpstreamDefinitions.Preset preset,
            String key) {
        if (upstream.kind() != null) {
            return upstream.kind();
        }
        if (preset != null && preset.kind() != null) {
            return preset.kind();
        }
        if (upstream.credentialsFile() != null) {
            return UpstreamKind.QWEN_OAUTH;
        }
        if (upstream.apiKey() != null || upstream.apiKeyEnv() != null) {
            return UpstreamKind.API_KEY;
        }
        throw new IllegalStateException(key + ".kind: say api-key or qwen-oauth (or choose a preset)");
    }

    private String key(UpstreamDefinitions.Upstream upstream, String key) {
        if (upstream.apiKey() != null && !upstream.apiKey().isBlank()) {
            return upstream.apiKey().strip();
        }
        if (upstream.apiKeyEnv() != null && !upstream.apiKeyEnv().isBlank()) {
            String value = environment.getProperty(upstream.apiKeyEnv().strip());
            if (value == null || value.isBlank()) {
                throw new IllegalStateException(key + ".api-key-env: the environment variable "
                        + upstream.apiKeyEnv().strip() + " is not set (or empty)");
            }
            return value.strip();
        }
        throw new IllegalStateException(key + ".api-key: an api-key upstream needs api-key or api-key-env");
    }

    private static String keyOrigin(UpstreamDefinitions.Upstream upstream, String key) {
        return upstream.apiKeyEnv() != null && !upstream.apiKeyEnv().isBlank()
                ? key + ".api-key-env, " + upstream.apiKeyEnv().strip() : key + ".api-key";
    }

    private Map<String, String> headerProfile(String name, String key) {
        if (name.equals(QWEN_CODE_PROFILE)) {
            return defaultHeaders;
        }
        if (name.equals(NO_PROFILE)) {
            return Map.of();
        }
        Map<String, String> profile = pool.headerProfiles().get(name);
        if (profile == null) {
            throw new IllegalStateException(key + ": no header profile named '" + name + "'; known: " + QWEN_CODE_PROFILE
                    + ", " + NO_PROFILE + (pool.headerProfiles().isEmpty() ? ""
                            : ", " + String.join(", ", pool.headerProfiles().keySet()))
                    + " (gateway.pool.header-profiles)");
        }
        return profile;
    }

    /** A key that does not look like the service's keys: the service would refuse it, so say so at the start. */
    private static void warnOnKeyPrefix(String name, String secret, UpstreamDefinitions.Preset preset,
            String presetName) {
        if (preset == null || preset.keyPrefix() == null || preset.keyPrefix().isBlank()
                || secret.startsWith(preset.keyPrefix())) {
            return;
        }
        log.warn("Upstream {}: its key does not start with {} as the keys of {} do.{}", name, preset.keyPrefix(),
                presetName, preset.keyHint() == null ? "" : " " + preset.keyHint());
    }

    private static String firstSet(String first, String second, String fallback) {
        if (first != null && !first.isBlank()) {
            return first.strip();
        }
        if (second != null && !second.isBlank()) {
            return second.strip();
        }
        return fallback;
    }
}

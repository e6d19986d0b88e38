package io.qwengateway.simulator.oauth;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Decides which {@code Authorization} headers the model API accepts. */
public final class AccessGate {

    private static final String BEARER_PREFIX = "bearer ";

    private final TokenRegistry tokens;
    private final Set<String> apiKeys = ConcurrentHashMap.newKeySet();
    private volatile boolean acceptAnyBearer;
    private volatile boolean rejectAllAccessTokens;

    public AccessGate(TokenRegistry tokens) {
        this.tokens = tokens;
    }

    /**
     * Accepted: a static API key; otherwise, unless the OAuth tier is switched off, anything when no check is
     * wanted, or a live access token the simulator issued.
     */
    public boolean admits(Optional<String> authorizationHeader) {
        if (acceptAnyBearer && !rejectAllAccessTokens) {
            return true;
        }
        Optional<String> bearer = authorizationHeader.flatMap(AccessGate::bearerToken);
        if (bearer.isEmpty()) {
            return false;
        }
        if (apiKeys.contains(bearer.get())) {
            return true;
        }
        return !rejectAllAccessTokens && tokens.isLiveAccessToken(bearer.get());
    }

    private static Optional<String> bearerToken(String authorizationHeader) {
        if (!authorizationHeader.toLowerCase(Locale.ROOT).startsWith(BEARER_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(authorizationHeader.substring(BEARER_PREFIX.length()).trim());
    }

    public void acceptApiKey(String apiKey) {
        apiKeys.add(apiKey);
    }

    public void setAcceptAnyBearer(boolean accept) {
        acceptAnyBearer = accept;
    }

    public boolean acceptsAnyBearer() {
        return acceptAnyBearer;
    }

    /** The free OAuth tier is gone: issued tokens get 401 however fresh; API keys still work. */
    public void rejectAllAccessTokens(boolean reject) {
        rejectAllAccessTokens = reject;
    }

    public boolean rejectsAllAccessTokens() {
        return rejectAllAccessTokens;
    }

    public Set<String> apiKeys() {
        return Set.copyOf(apiKeys);
    }

    /** Back to the start-up configuration. */
    public void reset(Collection<String> startupApiKeys, boolean startupAcceptAnyBearer) {
        apiKeys.clear();
        apiKeys.addAll(startupApiKeys);
        acceptAnyBearer = startupAcceptAnyBearer;
        rejectAllAccessTokens = false;
    }
}

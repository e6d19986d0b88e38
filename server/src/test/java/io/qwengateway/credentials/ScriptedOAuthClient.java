package io.qwengateway.credentials;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** The token endpoint as a script: each refresh takes the next answer; an unexpected refresh fails the test. */
final class ScriptedOAuthClient extends QwenOAuthClient {

    interface Answer {
        TokenResponse answer() throws TokenRefreshException;
    }

    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<String> refreshTokensSent = new CopyOnWriteArrayList<>();

    ScriptedOAuthClient(QwenOAuthProperties properties) {
        super(properties, null, CredentialFixtures.JSON);
    }

    ScriptedOAuthClient then(Answer answer) {
        answers.add(answer);
        return this;
    }

    /** A rotation that leaves out resource_url, as the real endpoint may. */
    ScriptedOAuthClient thenToken(String accessToken, String refreshToken) {
        return then(() -> new TokenResponse(accessToken, refreshToken, "Bearer", 3600, null));
    }

    ScriptedOAuthClient thenFailure(TokenRefreshException failure) {
        return then(() -> {
            throw failure;
        });
    }

    List<String> refreshTokensSent() {
        return refreshTokensSent;
    }

    @Override
    public TokenResponse refresh(String refreshToken) throws TokenRefreshException {
        refreshTokensSent.add(refreshToken);
        Answer next = answers.poll();
        if (next == null) {
            throw new AssertionError("unexpected refresh with " + refreshToken);
        }
        return next.answer();
    }
}

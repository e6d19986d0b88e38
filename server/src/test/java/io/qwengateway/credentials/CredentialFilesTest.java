package io.qwengateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialFilesTest {

    private static final Path HOME = Path.of("/home/ann/.qwen");

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "  ")
    void withoutAnAccountItIsTheClisOwnFile(String account) {
        assertThat(CredentialFiles.pathFor(HOME, account)).isEqualTo(HOME.resolve("oauth_creds.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"work", "ann.b_2-x"})
    void aNamedAccountHasAFileOfItsOwnBesideIt(String account) {
        assertThat(CredentialFiles.pathFor(HOME, account)).isEqualTo(HOME.resolve("oauth_creds_" + account + ".json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "a/b", "a b", "é", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void anAccountNameThatCouldLeaveTheDirectoryIsRefused(String account) {
        assertThatThrownBy(() -> CredentialFiles.pathFor(HOME, account)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"VALID", "EXPIRING", "REFRESH_FAILED"})
    void statesThatStillServeAreUsable(CredentialState state) {
        assertThat(new CredentialStatus("s", state, null, null).usable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOGIN_REQUIRED", "MISSING"})
    void statesThatNeedALoginAreNotUsable(CredentialState state) {
        assertThat(new CredentialStatus("s", state, null, null).usable()).isFalse();
    }

    @Test
    void eachAccountHasALockBesideItsFileAndTheClisAccountKeepsTheClisLock() {
        assertThat(CredentialFiles.lockFor(HOME.resolve("oauth_creds.json"))).isEqualTo(HOME.resolve("oauth_creds.lock"));
        assertThat(CredentialFiles.lockFor(HOME.resolve("oauth_creds_work.json")))
                .isEqualTo(HOME.resolve("oauth_creds_work.lock"));
        assertThat(CredentialFiles.accountOf(HOME.resolve("oauth_creds_work.json"))).hasValue("work");
        assertThat(CredentialFiles.accountOf(HOME.resolve("oauth_creds.json"))).isEmpty();
    }
}

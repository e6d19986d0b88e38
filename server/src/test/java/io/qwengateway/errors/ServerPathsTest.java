package io.qwengateway.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ServerPathsTest {

    private final ServerPaths paths = new ServerPaths(Path.of("/srv/qwen"));

    @Test
    void theQwenHomeBecomesAPlaceholderWhereverItAppears() {
        assertThat(paths.hide("Cannot read /srv/qwen/oauth_creds.json: /srv/qwen/oauth_creds.json."))
                .isEqualTo("Cannot read <qwen home>/oauth_creds.json: <qwen home>/oauth_creds.json.");
        assertThat(paths.hide("/srv/qwen is incomplete")).isEqualTo("<qwen home> is incomplete");
    }

    @Test
    void onlyWholePathComponentsAreReplaced() {
        assertThat(paths.hide("see /srv/qwen2/x and /srv/qwenish")).isEqualTo("see /srv/qwen2/x and /srv/qwenish");
    }

    @Test
    void theHomeAndWorkingDirectoriesAreHiddenToo() {
        String home = System.getProperty("user.home");
        String workingDirectory = Path.of("").toAbsolutePath().toString();

        assertThat(paths.hide("at " + workingDirectory + "/gateway.jar")).isEqualTo("at <working directory>/gateway.jar");
        assertThat(paths.hide("in " + home + "/x")).doesNotContain(home + "/x");
    }

    @Test
    void urlPathsAndMessagesWithoutPathsAreLeftAlone() {
        String message = "Log in with POST /auth/initiate then POST /auth/poll.";

        assertThat(paths.hide(message)).isEqualTo(message);
        assertThat(paths.hide((String) null)).isNull();
    }

    @Test
    void anErrorKeepsItsStatusTypeCodeAndParam() {
        ApiException error = new ApiException(HttpStatus.UNAUTHORIZED, "authentication_error", "code", "param",
                "No Qwen credentials at /srv/qwen/oauth_creds.json.", null);

        ApiException hidden = paths.hide(error);

        assertThat(hidden.getMessage()).isEqualTo("No Qwen credentials at <qwen home>/oauth_creds.json.");
        assertThat(hidden.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(hidden.type()).isEqualTo("authentication_error");
        assertThat(hidden.code()).isEqualTo("code");
        assertThat(hidden.param()).isEqualTo("param");
    }
}

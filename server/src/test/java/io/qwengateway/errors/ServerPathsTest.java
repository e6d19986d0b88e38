package io.qwengateway.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;

import io.qwengateway.startup.LaunchOrigin;

class ServerPathsTest {

    private final ServerPaths paths = new ServerPaths(Path.of("/srv/qwen"));

    @TempDir
    Path temporary;

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
    void theLauncherTheOriginalJarAndItsExtractedCopyAreHidden() throws Exception {
        Path directory = Files.createDirectories(temporary.resolve("gateway"));
        Path jar = Files.createFile(directory.resolve("gateway.jar"));
        Path launcher = Files.createFile(directory.resolve("qwen-gateway"));
        Path copy = Files.createDirectories(temporary.resolve("cache/abc/app")).resolve("gateway.jar");
        Files.createFile(copy);
        ServerPaths hiding = new ServerPaths(Path.of("/srv/qwen"),
                LaunchOrigin.of(jar.toString(), launcher.toString(), copy.toFile()), copy.toFile());

        assertThat(hiding.hide("run " + launcher + " auth, or java -jar " + jar + " auth"))
                .isEqualTo("run <gateway launcher> auth, or java -jar <gateway jar> auth");
        assertThat(hiding.hide("cannot read " + directory.resolve("gateway.yml")))
                .isEqualTo("cannot read <gateway directory>/gateway.yml");
        assertThat(hiding.hide("class in " + copy.getParent().resolve("lib/x.jar")))
                .isEqualTo("class in <gateway classes>/lib/x.jar");
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

package io.qwengateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.qwengateway.cli.GatewayCommand;

/** The jar's command line, parsed: which command runs, with which Spring properties; help, version and mistakes. */
class GatewayCommandLineTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private final GatewayCommand root = new GatewayCommand();

    @Test
    void noCommandServes() {
        assertThat(execute()).isZero();

        assertThat(root.serveArguments()).hasValue(List.of());
    }

    @Test
    void serveAndTheDefaultPassEverySpringPropertyOnInTheOrderGiven() {
        assertThat(execute("--server.port=9000", "serve", "--gateway.qwen-oauth.home=/srv/qwen", "--debug")).isZero();

        assertThat(root.serveArguments())
                .hasValue(List.of("--server.port=9000", "--gateway.qwen-oauth.home=/srv/qwen", "--debug"));
    }

    @Test
    void propertiesWithoutACommandServeThemToo() {
        assertThat(execute("--server.port=9000", "--spring.config.additional-location=@odd/path.yml")).isZero();

        assertThat(root.serveArguments())
                .hasValue(List.of("--server.port=9000", "--spring.config.additional-location=@odd/path.yml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void helpListsTheCommandsAndTheMainSettingsAndServesNothing(String help) {
        assertThat(execute(help)).isZero();

        assertThat(root.serveArguments()).isEmpty();
        assertThat(output()).contains("Usage: java -jar ").contains("[COMMAND] [--name=value...]")
                .containsPattern("\\n  serve +Run the gateway \\(the default")
                .containsPattern("\\n  auth +Log in to Qwen").contains("'auth list' lists the saved accounts")
                .containsPattern("\\n  help ")
                .contains("HOST, PORT").contains("--server.port=").contains("QWEN_HOME").contains("~ is $HOME")
                .contains("API_KEY ").contains("--gateway.web.client-api-keys=").contains("QWEN_API_KEY")
                .contains("DASHSCOPE_API_KEY").contains("QWEN_OAUTH_BASE_URL").contains("application.yml")
                .contains("docs/configuration.md");
        assertThat(output().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void versionPrintsTheVersionAndServesNothing(String version) {
        assertThat(execute(version)).isZero();

        assertThat(root.serveArguments()).isEmpty();
        assertThat(output()).startsWith("Qwen Gateway ").contains("Spring Boot ").contains("Java ");
    }

    @Test
    void serveHasItsOwnHelp() {
        assertThat(execute("serve", "--help")).isZero();

        assertThat(root.serveArguments()).isEmpty();
        assertThat(output()).contains(" serve [-hV] [--name=value...]").contains("Run the gateway");
    }

    @Test
    void anUnknownCommandIsAUsageErrorWithASuggestion() {
        assertThat(execute("serv")).isEqualTo(2);

        assertThat(root.serveArguments()).isEmpty();
        assertThat(errors()).startsWith("Unknown command 'serv'\nDid you mean: java -jar ")
                .contains(" serve?\nUsage: java -jar ")
                .contains(" --help' for its commands and settings.");
        assertThat(output()).isEmpty();
    }

    @Test
    void aJvmOptionAfterTheJarIsAUsageErrorThatSaysWhereItGoes() {
        assertThat(execute("-Dserver.port=1")).isEqualTo(2);

        assertThat(errors()).startsWith("Unknown option '-Dserver.port=1': JVM options go before -jar");
    }

    @Test
    void anOptionThatIsNoSpringPropertyIsAUsageError() {
        assertThat(execute("--server.port", "9000")).isEqualTo(2);

        assertThat(errors()).startsWith("Unknown option '--server.port'; a Spring property is written --name=value");
        assertThat(root.serveArguments()).isEmpty();
    }

    @Test
    void serveTakesNoOtherArguments() {
        assertThat(execute("serve", "now")).isEqualTo(2);

        assertThat(errors()).startsWith("Unexpected argument 'now'");
    }

    private int execute(String... args) {
        return GatewayCommandLine.create(root, new PrintStream(printed, true, StandardCharsets.UTF_8),
                new PrintStream(errors, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return errors.toString(StandardCharsets.UTF_8);
    }

}

package io.qwengateway.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qwengateway.support.GatewayClient;
import io.qwengateway.support.GatewayJar;

/** The packaged jar started the way a new user starts it: settings beside it, the API_KEY variable, a busy port. */
class PackagedJarIT {

    @TempDir
    Path temp;

    @Test
    void settingsBesideTheJarApplyWhenItIsStartedFromAnotherDirectory() throws IOException {
        Path app = Files.createDirectories(temp.resolve("app"));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Path jar = Files.copy(GatewayJar.builtJar(), app.resolve("gateway.jar"));
        Files.writeString(app.resolve("application.yml"), """
                gateway.models.aliases:
                  from-application-yml: qwen3-coder-plus
                  in-both-files: qwen3-coder-plus
                """);
        Files.writeString(app.resolve("gateway.yml"), """
                gateway.models.aliases:
                  in-both-files: qwen3-coder-flash
                  overridden-on-the-command-line: qwen3-coder-plus
                  also-in-the-working-directory: qwen3-coder-flash
                """);
        Files.writeString(elsewhere.resolve("application.yml"), """
                gateway.models.aliases.also-in-the-working-directory: qwen3-coder-plus
                """);
        // .env in the working directory: read like the environment, which wins where both set a variable
        Files.writeString(elsewhere.resolve(".env"), """
                GATEWAY_ADMIN_KEY=admin-key-from-dotenv-0123
                API_KEY=a-key-the-environment-overrides
                """);
        int port = GatewayJar.freePort();
        Map<String, String> environment = Map.of("QWEN_HOME", temp.resolve("no-credentials").toString(),
                "API_KEY", " first-key , second-key ");

        try (GatewayJar gateway = GatewayJar.start(jar, elsewhere, environment, List.of(
                "--server.address=127.0.0.1", "--server.port=" + port,
                "--gateway.models.aliases.overridden-on-the-command-line=qwen3-coder-flash"))) {
            GatewayClient client = new GatewayClient("http://127.0.0.1:" + port);
            gateway.awaitHealthy(client.baseUrl());

            assertThat(modelBehind(client, "from-application-yml")).isEqualTo("qwen3-coder-plus");
            assertThat(modelBehind(client, "in-both-files")).as("gateway.yml over application.yml")
                    .isEqualTo("qwen3-coder-flash");
            assertThat(modelBehind(client, "overridden-on-the-command-line")).isEqualTo("qwen3-coder-flash");
            assertThat(modelBehind(client, "also-in-the-working-directory")).as("Spring's own location first")
                    .isEqualTo("qwen3-coder-plus");
            assertThat(modelBehind(client, "vision-model")).as("the bundled defaults still apply")
                    .isEqualTo("coder-model");
            assertThat(client.get("/v1/models").statusCode()).as("API_KEY set: no key, no answer").isEqualTo(401);
            assertThat(client.send(client.request("/admin/usage").header("Authorization",
                    "Bearer admin-key-from-dotenv-0123").GET().build()).statusCode()).as("the admin key of .env")
                    .isEqualTo(200);
            assertThat(client.send(client.request("/v1/models").header("Authorization",
                    "Bearer a-key-the-environment-overrides").GET().build()).statusCode())
                    .as("the environment's API_KEY wins over .env's").isEqualTo(401);
            assertThat(client.get("/actuator/health").statusCode()).as("open like /health").isEqualTo(200);
            assertThat(gateway.output()).contains("Reading settings beside the jar: " + app.resolve("gateway.yml"));
        }
    }

    @Test
    void aPortInUseEndsTheStartWithOneLineNamingPortAndAFailingExitCode() throws Exception {
        try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = occupied.getLocalPort();
            try (GatewayJar gateway = GatewayJar.start(GatewayJar.builtJar(), temp,
                    Map.of("QWEN_HOME", temp.toString(), "PORT", String.valueOf(port)),
                    List.of("--server.address=127.0.0.1"))) {

                assertThat(gateway.awaitExit()).isNotZero();
                String output = gateway.output();
                assertThat(output).contains("Port " + port + " is already in use. Stop the other process or choose"
                        + " another port with PORT=" + (port + 1) + " or --server.port=" + (port + 1) + ".");
                assertThat(output.lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")))
                        .as("one line says what failed").hasSize(1);
                assertThat(output).doesNotContain("APPLICATION FAILED TO START").doesNotContain("\tat ")
                        .doesNotContain("Exception");
            }
        }
    }

    private static String modelBehind(GatewayClient client, String alias) {
        HttpResponse<String> response = client.send(client.request("/v1/models/" + alias)
                .header("Authorization", "Bearer second-key").GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return GatewayClient.parse(response.body()).path("id").asString();
    }
}

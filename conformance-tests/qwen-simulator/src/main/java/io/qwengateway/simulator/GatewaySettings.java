package io.qwengateway.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What the Qwen Gateway needs to stay on this simulator, beside the credentials the simulator wrote: their directory
 * ({@code QWEN_HOME}) and the simulator as the OAuth server ({@code QWEN_OAUTH_BASE_URL}). The model API needs no
 * setting (the credentials' {@code resource_url} is the simulator); without the OAuth one, the gateway's first
 * refresh, an hour later, would send the simulator's refresh token to the real Qwen.
 *
 * @param credentialsDirectory where {@code oauth_creds.json} is
 * @param oauthBaseUrl         the simulator's base URL
 */
public record GatewaySettings(Path credentialsDirectory, String oauthBaseUrl) {

    public static final String ENVIRONMENT_FILE = "gateway.env";

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    public GatewaySettings {
        credentialsDirectory = credentialsDirectory.toAbsolutePath();
    }

    /** {@code NAME=value} lines, the format of {@code docker --env-file} and systemd's {@code EnvironmentFile=}. */
    public String environmentFile() {
        return "# The Qwen Gateway on the Qwen simulator: written by qwen-simulator --write-credentials\n"
                + "QWEN_HOME=" + credentialsDirectory + "\n"
                + "QWEN_OAUTH_BASE_URL=" + oauthBaseUrl + "\n";
    }

    /** The variables as a shell command prefix, quoted where the shell needs it. */
    public String shellPrefix() {
        return "QWEN_HOME=" + shellQuoted(credentialsDirectory.toString()) + " QWEN_OAUTH_BASE_URL="
                + shellQuoted(oauthBaseUrl);
    }

    /** Writes {@value #ENVIRONMENT_FILE} into the credentials directory and returns it. */
    public Path writeEnvironmentFile() throws IOException {
        return Files.writeString(credentialsDirectory.resolve(ENVIRONMENT_FILE), environmentFile());
    }

    private static String shellQuoted(String value) {
        return SHELL_SAFE.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}

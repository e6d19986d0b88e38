package io.qwengateway.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SimulatedCredentialsTest {

    private final SimulatedCredentials credentials = new SimulatedCredentials("access-1", "refresh-1", "Bearer",
            "http://127.0.0.1:18080", 1_760_000_000_123L);

    @Test
    void oauthCredsJsonIsTheClisTwoSpaceFormatWithExpiryInMillis() {
        assertEquals("{\n"
                + "  \"access_token\": \"access-1\",\n"
                + "  \"token_type\": \"Bearer\",\n"
                + "  \"refresh_token\": \"refresh-1\",\n"
                + "  \"resource_url\": \"http://127.0.0.1:18080\",\n"
                + "  \"expiry_date\": 1760000000123\n"
                + "}", credentials.toOauthCredsJson());
    }

    @Test
    void writtenFileIsPrivateToItsOwner(@TempDir Path home) throws IOException {
        Path file = credentials.writeOauthCredsFile(home.resolve("qwen"));

        assertEquals(home.resolve("qwen").resolve("oauth_creds.json"), file);
        assertEquals(credentials.toOauthCredsJson(), Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    void issuedCredentialsCarryTheSimulatorsResourceUrlAndExpiry() {
        try (QwenSimulator simulator = QwenSimulator.start()) {
            long before = System.currentTimeMillis();
            SimulatedCredentials issued = simulator.oauth().issueCredentials();

            assertEquals(simulator.baseUrl(), issued.resourceUrl());
            assertEquals("Bearer", issued.tokenType());
            assertEquals(3_600_000, issued.expiryDateMillis() - before, 1_000);
        }
    }

    @Test
    void resourceUrlCanBeOverridden() {
        try (QwenSimulator simulator = QwenSimulator.start(
                SimulatorOptions.defaults().withResourceUrl("portal.qwen.ai"))) {
            assertEquals("portal.qwen.ai", simulator.oauth().issueCredentials().resourceUrl());
        }
    }
}

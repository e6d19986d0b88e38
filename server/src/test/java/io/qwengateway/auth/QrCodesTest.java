package io.qwengateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class QrCodesTest {

    private static final String URL = "https://chat.qwen.ai/authorize?user_code=ABCD2345&client=qwen-code";

    private final QrCodes qrCodes = new QrCodes(AuthTestSupport.loginProperties());

    @Test
    void thePngDecodesToTheVerificationUrl() {
        assertThat(QrDecoder.decodePng(qrCodes.png(URL))).isEqualTo(URL);
    }

    @Test
    void theTerminalDrawingDecodesToTheVerificationUrl() {
        assertThat(QrDecoder.decodeHalfBlocks(qrCodes.halfBlocks(URL))).isEqualTo(URL);
    }

    @Test
    void theTerminalDrawingUsesOnlyHalfBlocksFullBlocksAndSpaces() {
        assertThat(qrCodes.halfBlocks(URL).replace("\n", "")).matches("[▀▄█ ]+");
    }

    @Test
    void theTerminalDrawingHasALightQuietZoneOfFourModules() {
        List<String> lines = qrCodes.halfBlocks(URL).lines().toList();
        String light = "█".repeat(lines.get(0).length());

        // Four module rows are two lines of full blocks; four module columns are four characters.
        assertThat(lines.subList(0, 2)).containsOnly(light);
        assertThat(lines.get(lines.size() - 2)).isEqualTo(light);
        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("████").endsWith("████"));
    }

    @Test
    void drawingTakesTwoModuleRowsPerLine() {
        int modules = qrCodes.modules(URL).getHeight();

        assertThat(qrCodes.halfBlocks(URL).lines()).hasSize((modules + 1) / 2);
    }
}

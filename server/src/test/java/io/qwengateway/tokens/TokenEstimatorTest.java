package io.qwengateway.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.qwengateway.models.ModelCatalog;
import io.qwengateway.models.ModelCatalogProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TokenEstimatorTest {

    static final TokenProperties DEFAULTS = new TokenProperties("cl100k_base",
            new TokenProperties.Calibration(true, 0.2, 3, 16, 0.1, 10),
            new TokenProperties.Images(28, 4, 1280, 16384, 1280), 1 << 20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TokenEstimator estimator = estimator(new TokenCalibration(DEFAULTS));

    static TokenEstimator estimator(TokenCalibration calibration) {
        ModelCatalog models = new ModelCatalog(new ModelCatalogProperties(List.of(), Map.of("alias", "coder-model"),
                List.of()));
        return new TokenEstimator(DEFAULTS, calibration, models);
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void aConversationSentAgainCountsAsItDidWithNothingRemembered() {
        TokenProperties nothingKept = new TokenProperties(DEFAULTS.encoding(), DEFAULTS.calibration(),
                DEFAULTS.images(), 0);
        TokenEstimator counting = new TokenEstimator(nothingKept, new TokenCalibration(nothingKept),
                new ModelCatalog(new ModelCatalogProperties(List.of(), Map.of(), List.of())));
        String system = "You are a coding agent. Follow the repository's conventions. ".repeat(40);
        String earlier = "{\"role\":\"system\",\"content\":\"" + system + "\"},"
                + "{\"role\":\"user\",\"content\":\"Explain the build, step by step, with examples.\"}";
        JsonNode first = json("{\"messages\":[" + earlier + "]}");
        JsonNode next = json("{\"messages\":[" + earlier + ",{\"role\":\"assistant\",\"content\":\"It is Maven.\"},"
                + "{\"role\":\"user\",\"content\":\"And the tests?\"}]}");

        assertThat(estimator.count(first)).isEqualTo(counting.count(first));
        assertThat(estimator.count(next)).isEqualTo(counting.count(next));
        assertThat(estimator.count(next)).isGreaterThan(estimator.count(first));
    }

    @Test
    void aLongNewTextIsCountedBesideTheRequestWithItsUtf8BytesAsTheBoundMeanwhile() {
        String file = "public final class Relay { /* ünïcödé, 中文, 😀 */ int frames; }\n".repeat(200);
        JsonNode chat = json("{\"model\":\"coder-model\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":" + JSON.writeValueAsString(file) + "}]}");
        TokenEstimator elsewhere = estimator(new TokenCalibration(DEFAULTS));
        long exact = elsewhere.estimate(chat).raw();

        InputTokens first = estimator.begin(chat);
        TokenEstimate bound = first.atMost();
        TokenEstimate counted = first.counted();
        InputTokens again = estimator.begin(chat);

        assertThat(counted.raw()).isEqualTo(exact);
        assertThat(bound.raw()).as("the file's UTF-8 bytes in place of its tokens")
                .isEqualTo(exact - elsewhere.count(file) + TokenEstimator.utf8Bytes(file)).isGreaterThan(exact);
        assertThat(again.isCounted()).as("a text counted before is not counted again").isTrue();
        assertThat(again.counted()).isEqualTo(counted);
    }

    @Test
    void aRequestOfShortTextsIsCountedAtOnce() {
        JsonNode chat = json("{\"model\":\"coder-model\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "word ".repeat(400) + "\"}]}");

        InputTokens input = estimator.begin(chat);

        assertThat(input.isCounted()).isTrue();
        assertThat(input.atMost()).isEqualTo(input.counted()).isEqualTo(estimator.estimate(chat));
    }

    @Test
    void utf8BytesAreCountedWithoutEncoding() {
        for (String text : List.of("", "ascii only", "ünïcödé", "中文字符", "😀 and 𝄞", "\u07ff\u0800\uffff")) {
            assertThat(TokenEstimator.utf8Bytes(text)).as(text)
                    .isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void textIsCountedWithCl100kAndEachMessageAddsItsChatTemplateTokens() {
        // "Hello world" is 2 tokens; 5 for <|im_start|>user\n ... <|im_end|>\n, 3 for the reply's opening
        assertThat(estimator.count(json("{\"messages\":[{\"role\":\"user\",\"content\":\"Hello world\"}]}")))
                .isEqualTo(2 + 5 + 3);
    }

    @Test
    void textPartsCountLikeStringContent() {
        long asString = estimator.count(json("{\"messages\":[{\"role\":\"user\",\"content\":\"Hello world\"}]}"));
        long asParts = estimator.count(json(
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello world\"}]}]}"));
        assertThat(asParts).isEqualTo(asString);
    }

    @Test
    void toolsAddTheirJsonAndTheTemplatesInstructionsOnce() {
        String messages = "\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"}]";
        String tool = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}}";
        long none = estimator.count(json("{" + messages + "}"));
        long one = estimator.count(json("{" + messages + ",\"tools\":[" + tool + "]}"));
        long two = estimator.count(json("{" + messages + ",\"tools\":[" + tool + "," + tool + "]}"));

        long perTool = two - one;
        assertThat(perTool).isBetween(15L, 30L);
        assertThat(one - none - perTool).as("the instructions around the tool list").isBetween(60L, 120L);
    }

    @Test
    void reasoningOfTurnsBeforeTheLastUserMessageIsNotCountedAsTheTemplateDropsIt() {
        String reasoning = "{\"role\":\"assistant\",\"content\":\"ok\",\"reasoning_content\":\"Let me think about it at length.\"}";
        long before = estimator.count(json("{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}," + reasoning
                + ",{\"role\":\"user\",\"content\":\"b\"}]}"));
        long after = estimator.count(json("{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},"
                + "{\"role\":\"user\",\"content\":\"b\"}," + reasoning + "]}"));
        assertThat(after - before).isEqualTo(estimator.count("Let me think about it at length."));
    }

    @Test
    void anImageCountsOneTokenPer28PixelSquarePlusTwo() throws IOException {
        String image = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\""
                + pngDataUrl(560, 280) + "\"}}]}]}";
        assertThat(estimator.count(json(image))).isEqualTo(20 * 10 + 2 + 5 + 3);
    }

    @Test
    void aLargeImageIsScaledDownToTheMaximumUnlessHighResolutionIsAsked() throws IOException {
        String content = "[{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + pngDataUrl(2800, 2800) + "\"}}]";
        long normal = estimator.count(json("{\"messages\":[{\"role\":\"user\",\"content\":" + content + "}]}")) - 8;
        long high = estimator.count(json("{\"vl_high_resolution_images\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                + content + "}]}")) - 8;
        assertThat(normal).isBetween(1000L, 1282L);
        assertThat(high).isEqualTo(100 * 100 + 2);
    }

    @Test
    void anImageBehindAUrlCountsTheConfiguredFlatFigure() {
        String image = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":"
                + "{\"url\":\"https://example.com/cat.png\"}}]}]}";
        assertThat(estimator.count(json(image))).isEqualTo(1280 + 5 + 3);
    }

    @Test
    void embeddingsInputCountsStringsAndTokenArrays() {
        assertThat(estimator.estimateEmbedding(json("[\"Hello world\",[1,2,3]]"), "text-embedding-v4").raw())
                .isEqualTo(2 + 3);
    }

    @Test
    void theEstimateIsCorrectedByTheResolvedModelsCalibration() {
        TokenCalibration calibration = new TokenCalibration(DEFAULTS);
        TokenEstimator calibrated = estimator(calibration);
        for (int i = 0; i < 3; i++) {
            calibration.learn("coder-model", 1000, 500);
        }
        TokenEstimate estimate = calibrated.estimate(json(
                "{\"model\":\"alias\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "word ".repeat(100) + "\"}]}"));
        assertThat(estimate.corrected()).isEqualTo(Math.round(estimate.raw() * 0.5));
    }

    private static String pngDataUrl(int width, int height) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", png);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }
}

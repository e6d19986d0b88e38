package io.qwengateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class UsageReaderTest {

    private final UsageReader reader = new UsageReader(JsonMapper.builder().build());

    private Usage read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theTopLevelUsageIsFoundPastNestedOnes() {
        Usage usage = read("""
                {"id":"x","choices":[{"message":{"content":"hi","usage":{"prompt_tokens":999}}}],
                 "usage":{"prompt_tokens":12,"completion_tokens":3,"prompt_tokens_details":{"cached_tokens":8},
                          "completion_tokens_details":{"reasoning_tokens":2}}}""");
        assertThat(usage).isEqualTo(new Usage(12, 3, 8, 2));
    }

    @Test
    void dashScopesTopLevelCachedTokensCountWhenTheDetailsHaveNone() {
        assertThat(read("{\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"cached_tokens\":5}}"))
                .isEqualTo(new Usage(12, 3, 5, 0));
    }

    @Test
    void noUsageAndNoJsonGiveNone() {
        assertThat(read("{\"id\":\"x\",\"usage\":null}")).isNull();
        assertThat(read("<html>")).isNull();
    }
}

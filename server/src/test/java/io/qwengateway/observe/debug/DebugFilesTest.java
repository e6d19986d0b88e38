package io.qwengateway.observe.debug;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qwengateway.observe.ExchangeRecord;
import io.qwengateway.observe.Exchanges4Tests;

class DebugFilesTest {

    @TempDir
    Path logs;

    @Test
    void theNewestFilesAreKeptThoseOfEarlierRunsIncluded() throws IOException {
        DebugFiles earlier = new DebugFiles(logs, 3);
        for (int i = 0; i < 2; i++) {
            earlier.write(exchange(i), "earlier " + i);
        }
        Files.writeString(logs.resolve("notes.txt"), "not a debug file");

        DebugFiles files = new DebugFiles(logs, 3);
        for (int i = 2; i < 6; i++) {
            files.write(exchange(i), "now " + i);
        }

        assertThat(names()).containsExactly("19700101T000003.000Z-req_3.log", "19700101T000004.000Z-req_4.log",
                "19700101T000005.000Z-req_5.log", "notes.txt");
    }

    private static ExchangeRecord exchange(int second) {
        return Exchanges4Tests.finished("req_" + second, Instant.ofEpochSecond(second), "coder-model", null,
                ExchangeRecord.Outcome.OK, 200);
    }

    private java.util.List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(logs)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}

package io.qwengateway.conformance.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.qwengateway.conformance.harness.Json;
import tools.jackson.databind.SerializationFeature;

/**
 * A fixture: the requests one client sent for one scenario, in order, under
 * {@code recordings/<client>/<scenario>.json}.
 *
 * @param client        e.g. {@code openai-java}
 * @param clientVersion the client library's version, e.g. {@code 4.52.0}
 * @param runtime       what ran it, e.g. {@code node v20.20.2}
 * @param scenario      a {@link io.qwengateway.conformance.scenarios.Scenario} id
 * @param requests      what went over the wire
 */
public record Recording(String client, String clientVersion, String runtime, String scenario,
                        List<RecordedCall> requests) {

    public static Recording read(Path file) {
        try {
            return Json.MAPPER.readValue(Files.readString(file), Recording.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pretty-printed so that a refreshed recording diffs readably in review. */
    public void write(Path directory) {
        Path file = directory.resolve(client).resolve(scenario + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

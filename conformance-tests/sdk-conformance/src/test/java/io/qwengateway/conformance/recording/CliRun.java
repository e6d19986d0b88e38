package io.qwengateway.conformance.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What a scenario asks a coding CLI (Codex, Claude Code), and how the CLI must end: its exit status and something it
 * prints. A CLI that "succeeds" on an error the scenario provoked, or fails on an answer, makes the recording fail.
 *
 * @param prompt    the one headless turn
 * @param succeeds  whether the CLI must exit 0
 * @param printed   text its output must contain
 */
record CliRun(String prompt, boolean succeeds, String printed) {

    /** Prints what the CLI printed, then throws unless it ended as expected. */
    void check(String cli, NodePackage.Outcome outcome) {
        System.out.print(outcome.output());
        if ((outcome.exitCode() == 0) != succeeds || !outcome.output().contains(printed)) {
            throw new IllegalStateException(cli + " should have " + (succeeds ? "succeeded" : "failed")
                    + " printing '" + printed + "' (exit code " + outcome.exitCode() + ")");
        }
    }

    /** A run's temporary home and working folders go afterwards. */
    static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

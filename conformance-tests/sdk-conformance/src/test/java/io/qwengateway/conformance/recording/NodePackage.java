package io.qwengateway.conformance.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A folder with a {@code package.json} and {@code package-lock.json} that pin a client from npm, and the commands the
 * recorder runs in it. {@code npm ci} installs exactly the locked versions on first use ({@code node_modules} is
 * never committed).
 *
 * @param directory the folder, e.g. {@code src/test/node}
 * @param installed a path under {@code node_modules} that exists once the client is installed
 */
record NodePackage(Path directory, String installed) {

    void install() {
        if (!Files.exists(directory.resolve("node_modules").resolve(installed))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), Duration.ofMinutes(5));
        }
    }

    /** What a command did: its exit code and everything it printed. */
    record Outcome(int exitCode, String output) {
    }

    /** Runs {@code command} in the folder with {@code environment} set; its output, or an exception if it failed. */
    String run(List<String> command, Map<String, String> environment, Duration timeout) {
        Outcome outcome = execute(command, environment, timeout);
        if (outcome.exitCode() != 0) {
            throw new IllegalStateException(command + " failed:\n" + outcome.output());
        }
        return outcome.output();
    }

    /** Runs {@code command} to its end, whatever its exit code; an exception only if it could not run or hung. */
    Outcome execute(List<String> command, Map<String, String> environment, Duration timeout) {
        return execute(directory, command, environment, timeout);
    }

    /** The same in {@code workingDirectory} (a CLI that works on the folder it runs in gets an empty one). */
    Outcome execute(Path workingDirectory, List<String> command, Map<String, String> environment, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        // The developer's own OPENAI_* / CODEX_* / ANTHROPIC_* / CLAUDE_* variables would add headers (organization,
        // project, a second credential) or move requests elsewhere: a client sees only what the recorder gives it.
        builder.environment().keySet().removeIf(name -> name.startsWith("OPENAI_") || name.startsWith("CODEX_")
                || name.startsWith("ANTHROPIC_") || name.startsWith("CLAUDE_"));
        builder.environment().putAll(environment);
        try {
            // Output to a file, not a pipe: a hanging command then still ends at the timeout.
            Path output = Files.createTempFile("recorder-", ".out");
            try {
                Process process = builder.redirectOutput(output.toFile()).start();
                process.getOutputStream().close(); // no input: a CLI waiting for more must not hang the recording
                boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!ended) {
                    process.destroyForcibly();
                }
                String printed = Files.readString(output, StandardCharsets.UTF_8);
                if (!ended) {
                    throw new IllegalStateException(command + " timed out:\n" + printed);
                }
                return new Outcome(process.exitValue(), printed);
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + " (are Node 20+ and npm on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

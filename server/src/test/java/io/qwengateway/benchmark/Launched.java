package io.qwengateway.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process the separate-process benchmark started (the simulator, a gateway, redis-server): its output goes to a
 * file, its memory is read from {@code /proc}, and {@link #close} stops it with SIGTERM first, so that a gateway
 * ends gracefully and a flight recording started with it is written.
 */
final class Launched implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path output;

    private Launched(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    /** Starts {@code command} in {@code directory} with the environment of this process changed by {@code env}. */
    static Launched start(String name, List<String> command, Path directory, Map<String, String> env,
            List<String> removedVariablePrefixes) {
        try {
            Path output = Files.createTempFile("benchmark-" + name.replace(' ', '-') + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().keySet().removeIf(variable -> removedVariablePrefixes.stream()
                    .anyMatch(variable::startsWith));
            builder.environment().putAll(env);
            return new Launched(name, builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** Fails with the process's output if it has ended. */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + output());
        }
    }

    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    Path outputFile() {
        return output;
    }

    /** Resident memory now, its high-water mark and the thread count, from {@code /proc/PID/status}. */
    MemoryStatus status() {
        try {
            long rss = 0;
            long hwm = 0;
            int threads = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kibibytes(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kibibytes(line);
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.substring("Threads:".length()).trim());
                }
            }
            return new MemoryStatus(rss, hwm, threads);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the status of " + name, e);
        }
    }

    /**
     * The CPU time the process has used, user and system, from {@code /proc/PID/stat}: on a machine shared with other
     * work, a start's CPU time varies much less than its wall-clock time. It includes the children it has waited for:
     * the launcher becomes the JVM ({@code exec}), and what it ran first (the JVM's version, the training start that
     * builds the class cache) counts too.
     */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
            // Fields after the command name (which is in parentheses and may hold spaces): utime, stime, cutime and
            // cstime are the 12th to 15th, in clock ticks of 1/100 s on Linux.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14])) / 100.0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of " + name, e);
        }
    }

    private static long kibibytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kibibytes and a thread count. */
    record MemoryStatus(long rssKib, long hwmKib, int threads) {
    }
}

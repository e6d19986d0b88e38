package io.qwengateway.startup.training;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The training start of {@code bin/qwen-gateway}'s fast start ({@code -Dqwen.gateway.training=ROUNDS}): the gateway
 * starts as usual in front of a {@link TrainingUpstream}, serves {@link TrainingTraffic} to itself, and exits, so that
 * the AOT cache (Java 25+) or CDS archive (17-24) the JVM writes at exit holds the classes of the request path as
 * well as those of the start, and on Java 25 the method profiles of that traffic, which the JIT uses from a user's
 * first request on. Nothing of it reaches a user's configuration: the launcher runs it in an empty directory with an
 * environment of its own.
 */
public final class TrainingRun {

    public static final String PROPERTY = "qwen.gateway.training";

    private TrainingRun() {
    }

    /** The launcher asked for a training start. */
    public static boolean requested() {
        return System.getProperty(PROPERTY) != null;
    }

    /**
     * Trains, then exits the JVM (which writes the cache). Whatever fails in the training traffic, the start's classes
     * are still worth caching: it exits 0 with what it has, and says so.
     */
    public static void run(Class<?> application, String[] args) {
        int rounds = Integer.parseInt(System.getProperty(PROPERTY));
        SqliteNativeLibrary.copyIfRequested();
        TrainingUpstream upstream;
        try {
            upstream = new TrainingUpstream();
        } catch (IOException | LinkageError e) {
            // A runtime without the jdk.httpserver module, say: the start alone, as before request training.
            System.out.println("Training: no stand-in upstream (" + e + "); the cache holds the start only");
            SpringApplication.run(application, args);
            return;
        }
        // The launcher also says "stop once started" for jars older than request training, which ignore PROPERTY.
        System.clearProperty("spring.context.exit");
        int exitCode;
        try (upstream) {
            List<String> arguments = new ArrayList<>(Arrays.asList(args));
            arguments.add("--gateway.api-key.base-url=" + upstream.baseUrl());
            ConfigurableApplicationContext context = SpringApplication.run(application,
                    arguments.toArray(String[]::new));
            String port = context.getEnvironment().getRequiredProperty("local.server.port");
            long started = System.nanoTime();
            try {
                Map<Integer, Integer> statuses = TrainingTraffic.send("http://127.0.0.1:" + port, rounds);
                System.out.printf("Training: %d rounds in %.1f s, answers by status %s%n", rounds,
                        (System.nanoTime() - started) / 1e9, statuses);
            } catch (IOException | RuntimeException e) {
                System.out.println("Training: the requests failed (" + e + "); the cache holds what they loaded");
            }
            exitCode = SpringApplication.exit(context);
        }
        System.exit(exitCode);
    }
}

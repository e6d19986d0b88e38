package io.qwengateway.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the gateway adds when it runs as users run it: its own JVM, started with the README's command
 * ({@code bin/qwen-gateway}), in front of the standalone Qwen simulator in a third process; this process is only the
 * load generator. Every figure is taken direct and through the gateway in the same run, and the last lines are one
 * table with the targets of the performance issue beside the figures.
 *
 * <p>Run from the repository root after {@code ./mvnw -q -pl server -am -DskipTests package}:
 * {@code java -cp server/target/test-classes io.qwengateway.benchmark.ProcessBenchmark [key=value ...]}; the gateway
 * and the simulator run on the same JDK as this command. It uses only the JDK, so that the load generator loads no
 * more than it needs. See docs/performance.md, "Separate-process benchmark", for the phases and the arguments.
 */
public final class ProcessBenchmark {

    private static final String CHAT = """
            {"model":"coder-model","messages":[{"role":"user","content":"Benchmark me, please."}]}""";
    /**
     * The simulator streams its answer (its greeting and the question) cut at word boundaries into at most the
     * configured number of chunks: the question is long enough for 64 events.
     */
    private static final String STREAM = """
            {"model":"coder-model","stream":true,"messages":[{"role":"user","content":"Benchmark me, please:%s"}]}"""
            .formatted(" word".repeat(64));
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("warmup", "3000"), Map.entry("requests", "3000"), Map.entry("cold", "500"),
            Map.entry("steady", "50000"),
            Map.entry("streams", "256"), Map.entry("seconds", "15"), Map.entry("streamChunks", "50"),
            Map.entry("streamDelayMs", "10"), Map.entry("open", "1000"), Map.entry("openChunks", "20"),
            Map.entry("openDelayMs", "50"), Map.entry("openRounds", "2"), Map.entry("openRampMs", "5000"),
            Map.entry("idle", "1000"), Map.entry("histogram", ""), Map.entry("large", "300"),
            Map.entry("largeKiB", "240"), Map.entry("largeUpstreamMs", "30"),
            Map.entry("replicas", "1"), Map.entry("redis", "false"), Map.entry("jvm", "(launcher defaults)"),
            Map.entry("jfr", ""), Map.entry("jfrSettings", "profile"), Map.entry("warmJfr", ""),
            Map.entry("warmJfrSettings", "profile"), Map.entry("vs", ""),
            Map.entry("root", "."), Map.entry("phases", "cold,warm,steady,streams,open,large,idle"),
            Map.entry("firstLaunch", "true"), Map.entry("cache", ""));
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final double MIB = 1024.0;

    private final Map<String, String> settings;
    /** Requests of each kind sent through the gateway by the warm phases so far. */
    private int warmedRequests;
    private final Path root;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newCachedThreadPool(daemon("benchmark-http")))
            .build();
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<String[]> table = new ArrayList<>();

    private Launched simulator;
    private Path cache;
    /** The Redis that the gateways share with {@code redis=true}, else null. */
    private String redisUrl;
    private String direct;
    private final List<Launched> gateways = new ArrayList<>();
    private final List<String> gatewayUrls = new ArrayList<>();
    private final AtomicInteger nextGateway = new AtomicInteger();
    /** With {@code vs=JAR}: a second gateway from another jar, measured beside the first in the same phases. */
    private Launched compared;
    private String comparedUrl;

    private ProcessBenchmark(Map<String, String> settings) {
        this.settings = settings;
        this.root = Path.of(settings.get("root")).toAbsolutePath().normalize();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>(DEFAULTS);
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2 || !DEFAULTS.containsKey(pair[0])) {
                throw new IllegalArgumentException("Unknown argument " + arg + "; known (key=value): "
                        + new java.util.TreeSet<>(DEFAULTS.keySet()));
            }
            settings.put(pair[0], pair[1]);
        }
        ProcessBenchmark benchmark = new ProcessBenchmark(settings);
        // Interrupted (Ctrl-C), the benchmark still stops the processes it started.
        Runtime.getRuntime().addShutdownHook(new Thread(benchmark::stopAll));
        try {
            benchmark.run();
        } finally {
            benchmark.stopAll();
        }
        System.exit(0);
    }

    private int number(String key) {
        return Integer.parseInt(settings.get(key));
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "Separate-process benchmark: Java %s (%s), %d cores, %s%n", Runtime.version(),
                System.getProperty("java.vm.vendor"), Runtime.getRuntime().availableProcessors(), commit());
        System.out.println("Settings: " + new java.util.TreeMap<>(settings));
        startSimulator();
        // The client and the simulator are warmed up before the gateway starts, so that the cold phase measures a
        // cold gateway only, beside an already warm direct path.
        System.out.printf("Warming up the client and the simulator (%d requests)...%n", number("warmup"));
        for (int i = 0; i < number("warmup"); i++) {
            timeJson(direct);
            timeToFirstEvent(direct);
        }
        startGateways();
        List<String> phases = List.of(settings.get("phases").split(","));
        if (phases.contains("cold")) {
            coldPhase();
        }
        if (phases.contains("warm")) {
            warmPhase("Warm", number("warmup"), settings.get("warmJfr"));
        }
        if (phases.contains("steady")) {
            // The JIT finishes compiling the request path only after tens of thousands of requests
            // (docs/performance.md, "The JIT needs ~50,000 requests"): the same measurement once it has.
            warmPhase("Steady", Math.max(0, number("steady") - warmedRequests), "");
        }
        if (phases.contains("streams")) {
            concurrentStreamsPhase();
        }
        if (phases.contains("open")) {
            openStreamsPhase();
        }
        // After the stream phases: its large bodies would otherwise count in their peak RSS.
        if (phases.contains("large")) {
            largeRequestsPhase();
        }
        if (phases.contains("idle")) {
            idleStreamsPhase(phases.size() > 1);
        }
        printTable();
    }

    // ---------------------------------------------------------------------------------------------- processes

    private void startSimulator() throws Exception {
        Path jar = single(root.resolve("conformance-tests/qwen-simulator/target"), "qwen-simulator-.*-standalone\\.jar");
        int port = Launched.freePort();
        // The JDK HTTP server behind the simulator closes keep-alive connections beyond 200 idle ones at once; a real
        // upstream does not, and the stream phases would otherwise measure reconnection churn.
        simulator = launch("simulator", List.of(javaCommand(), "-Dsun.net.httpserver.maxIdleConnections=4096", "-jar",
                jar.toString(), "--port", Integer.toString(port), "--accept-any-bearer"), Map.of());
        String base = "http://127.0.0.1:" + port;
        awaitOk(simulator, base + "/__sim/config");
        direct = base + "/v1";
    }

    private void startGateways() throws Exception {
        if (Boolean.parseBoolean(settings.get("redis"))) {
            int port = Launched.freePort();
            Launched redis = launch("redis", List.of("redis-server", "--port", Integer.toString(port), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no"), Map.of());
            awaitListening(redis, port);
            redisUrl = "redis://127.0.0.1:" + port;
        }
        // The launcher's class cache, built by the first launch: the measured gateways start with it, as every
        // launch after the first does.
        cache = settings.get("cache").isEmpty() ? Files.createTempDirectory("benchmark-launcher-cache-")
                : Path.of(settings.get("cache")).toAbsolutePath();
        if (Boolean.parseBoolean(settings.get("firstLaunch"))) {
            firstLaunch(redisUrl);
        }
        int replicas = number("replicas");
        for (int i = 0; i < replicas; i++) {
            startGateway(i, redisUrl);
        }
        if (replicas > 1) {
            System.out.printf("%d gateways%s; requests go to each in turn%n", replicas,
                    redisUrl == null ? "" : " sharing " + redisUrl);
        }
        if (!settings.get("vs").isEmpty()) {
            compared = startGateway(replicas, redisUrl, Path.of(settings.get("vs")).toAbsolutePath());
            comparedUrl = gatewayUrls.remove(gatewayUrls.size() - 1);
            gateways.remove(compared);
            System.out.println("Compared with gateway " + (replicas + 1) + " from " + settings.get("vs")
                    + " (warm and stream phases, in the same run)");
        }
    }

    /**
     * The first launch of a new jar or JVM, which extracts the jar and builds the class cache with a training start
     * before the gateway starts: timed, then stopped.
     */
    private void firstLaunch(String redisUrl) throws Exception {
        Launch launch = launchGateway("first launch", redisUrl, false, null);
        try (Launched gateway = launch.gateway()) {
            System.out.printf(Locale.ROOT, "First launch (builds the launcher's cache in %s): healthy %.2f s after"
                    + " launch (%.2f s of CPU, the training start included)%n", cache, launch.seconds(),
                    launch.cpu());
            row("time from the first launch (extracts the jar, trains the class cache)", "",
                    String.format(Locale.ROOT, "%.2f s", launch.seconds()),
                    String.format(Locale.ROOT, "%.2f s of CPU", launch.cpu()), "", "reported");
        }
        started.remove(launch.gateway());
    }

    /** The README's command, {@code bin/qwen-gateway}, in an empty working directory with an API-key upstream. */
    private Launched startGateway(int index, String redisUrl) throws Exception {
        return startGateway(index, redisUrl, null);
    }

    /** @param jar another jar than the build's (the {@code vs} comparison), or null */
    private Launched startGateway(int index, String redisUrl, Path jar) throws Exception {
        Path work = Files.createTempDirectory("benchmark-gateway-");
        if (index == 0 && jar == null) {
            firstStart(redisUrl, work);
        }
        Launch launch = launchGateway("gateway " + (index + 1), redisUrl, index == 0, jar, work);
        Launched gateway = launch.gateway();
        double seconds = launch.seconds();
        double cpu = launch.cpu();
        gateways.add(gateway);
        gatewayUrls.add(launch.base() + "/v1");
        String options = settings.get("jvm");
        System.out.printf(Locale.ROOT, "Gateway %d (pid %d, JVM options %s) healthy %.2f s after launch (%.2f s of CPU),"
                + " RSS %.0f MiB%n", index + 1, gateway.pid(), options, seconds, cpu, gateway.status().rssKib() / MIB);
        if (index == 0) {
            row("time from launch to a healthy /health (its data directory from a start before)", "",
                    String.format(Locale.ROOT, "%.2f s", seconds),
                    String.format(Locale.ROOT, "%.2f s of CPU", cpu),
                    "≤ 2 s on Java 25", Runtime.version().feature() >= 25 ? verdict(seconds <= 2.0) : "reported");
        }
        return gateway;
    }

    /**
     * The gateway's first start in {@code work}: it creates its data directory and usage store (Flyway's migration),
     * which a later start of the same gateway only opens. Timed, then stopped; gateway 1 then starts there, as a user's
     * gateway starts every time but the first.
     */
    private void firstStart(String redisUrl, Path work) throws Exception {
        Launch launch = launchGateway("first start", redisUrl, false, null, work);
        try (Launched gateway = launch.gateway()) {
            System.out.printf(Locale.ROOT, "First start (a new data directory): healthy %.2f s after launch (%.2f s of"
                    + " CPU)%n", launch.seconds(), launch.cpu());
            row("time from launch to a healthy /health (a new data directory)", "",
                    String.format(Locale.ROOT, "%.2f s", launch.seconds()),
                    String.format(Locale.ROOT, "%.2f s of CPU", launch.cpu()),
                    "≤ 2 s on Java 25", Runtime.version().feature() >= 25 ? verdict(launch.seconds() <= 2.0)
                            : "reported");
        }
        started.remove(launch.gateway());
    }

    /** A gateway launched and healthy: how long that took, and the CPU time it used meanwhile. */
    private record Launch(Launched gateway, String base, double seconds, double cpu) {
    }

    private Launch launchGateway(String name, String redisUrl, boolean recorded, Path jar) throws Exception {
        return launchGateway(name, redisUrl, recorded, jar, Files.createTempDirectory("benchmark-gateway-"));
    }

    /** @param work its working directory, with its Qwen home and data directory inside */
    private Launch launchGateway(String name, String redisUrl, boolean recorded, Path jar, Path work)
            throws Exception {
        int port = Launched.freePort();
        Map<String, String> env = new HashMap<>(Map.of(
                "JAVA_HOME", System.getProperty("java.home"),
                "HOST", "127.0.0.1",
                "PORT", Integer.toString(port),
                "QWEN_API_KEY", "benchmark-key",
                "QWEN_API_KEY_BASE_URL", direct,
                "QWEN_HOME", Files.createDirectories(work.resolve("qwen-home")).toString(),
                "QWEN_GATEWAY_DATA_DIR", Files.createDirectories(work.resolve("data")).toString()));
        if (!settings.get("jvm").equals(DEFAULTS.get("jvm"))) {
            env.put("QWEN_GATEWAY_JVM_OPTS", settings.get("jvm"));
        }
        env.put("QWEN_GATEWAY_CACHE", cache.toString());
        if (!settings.get("jfr").isEmpty() && recorded) {
            env.put("JAVA_OPTS", "-XX:StartFlightRecording=settings=" + settings.get("jfrSettings") + ",filename="
                    + Path.of(settings.get("jfr")).toAbsolutePath());
        }
        if (redisUrl != null) {
            env.put("REDIS_URL", redisUrl);
        }
        if (jar != null) {
            env.put("QWEN_GATEWAY_JAR", jar.toString());
        }
        String base = "http://127.0.0.1:" + port;
        long start = System.nanoTime();
        Launched gateway = launch(name, List.of(root.resolve("bin/qwen-gateway").toString()), env, work);
        awaitOk(gateway, base + "/health");
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Launch(gateway, base, seconds, gateway.cpuSeconds());
    }

    private Launched launch(String name, List<String> command, Map<String, String> env) throws IOException {
        return launch(name, command, env, Files.createTempDirectory("benchmark-" + name + "-"));
    }

    private Launched launch(String name, List<String> command, Map<String, String> env, Path directory) {
        // The gateway's documented variables of the developer's shell stay out: the benchmark sets its own.
        Launched process = Launched.start(name, command, directory, env, List.of("QWEN_", "DASHSCOPE_", "BAILIAN_",
                "API_KEY", "HOST", "PORT", "DEBUG_LOG", "LOG_LEVEL", "REDIS_URL", "GATEWAY_", "JAVA_OPTS",
                "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS"));
        started.add(process);
        return process;
    }

    private synchronized void stopAll() {
        if (started.isEmpty()) {
            return;
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("Could not stop a process: " + e);
            }
        }
        started.clear();
        deleteCache();
        if (!settings.get("jfr").isEmpty()) {
            System.out.println("Flight recording of gateway 1: " + Path.of(settings.get("jfr")).toAbsolutePath()
                    + " (jfr print --events jdk.ExecutionSample, jfr summary)");
        }
    }

    /** The launcher's cache is a copy of the jar and a class cache, some 160 MiB: kept only when given (cache=). */
    private void deleteCache() {
        if (cache == null || !settings.get("cache").isEmpty()) {
            return;
        }
        try (var files = Files.walk(cache)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete the launcher's cache " + cache + ": " + e);
        }
        cache = null;
    }

    private String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void awaitOk(Launched process, String url) throws Exception {
        HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            process.checkAlive();
            try {
                if (probe.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // polled again below
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(url + " did not answer 200 in time:\n" + process.output());
    }

    private static void awaitListening(Launched process, int port) throws InterruptedException {
        for (int attempt = 0; attempt < 1000; attempt++) {
            process.checkAlive();
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException(process.name() + " is not listening on " + port);
    }

    private static Path single(Path directory, String pattern) throws IOException {
        try (var files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().matches(pattern)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No " + pattern + " in " + directory
                            + ": build first (./mvnw -q -pl server -am -DskipTests package), and run from the "
                            + "repository root (or pass root=PATH)"));
        }
    }

    /** The next gateway in turn: with replicas, requests are spread round-robin. */
    private String gateway() {
        return gatewayUrls.get(Math.floorMod(nextGateway.getAndIncrement(), gatewayUrls.size()));
    }

    // ------------------------------------------------------------------------------------------------- phases

    private void coldPhase() throws Exception {
        int requests = number("cold");
        Samples directSamples = new Samples(requests);
        Samples gatewaySamples = new Samples(requests);
        double cpuBefore = gateways.get(0).cpuSeconds();
        for (int i = 0; i < requests; i++) {
            directSamples.add(timeJson(direct));
            gatewaySamples.add(timeJson(gateway()));
        }
        report("Cold: the first " + requests + " non-streaming requests after startup", directSamples,
                gatewaySamples);
        // Steadier than the latencies on a shared machine: what the first requests cost the gateway (class loading,
        // interpretation, JIT compilation).
        System.out.printf(Locale.ROOT, "  gateway 1 used %.2f s of CPU for them%n",
                gateways.get(0).cpuSeconds() - cpuBefore);
        addedRow("added median, first " + requests + " requests after startup (cold)", directSamples, gatewaySamples,
                2.0);
    }

    /**
     * {@code warmup} more requests of each kind through the gateway, then {@code requests} samples of each,
     * interleaved with the direct path; {@code jfrFile}, unless empty, records the samples' part.
     */
    private void warmPhase(String name, int warmup, String jfrFile) throws Exception {
        System.out.printf("%nWarming up the gateway (%d requests of each kind)...%n", warmup);
        for (int i = 0; i < warmup; i++) {
            timeJson(gateway());
            timeToFirstEvent(gateway());
            if (compared != null) {
                timeJson(comparedUrl);
                timeToFirstEvent(comparedUrl);
            }
        }
        int requests = number("requests");
        warmedRequests += warmup + requests;
        Samples[] json = { new Samples(requests), new Samples(requests), new Samples(requests) };
        Samples[] firstEvent = { new Samples(requests), new Samples(requests), new Samples(requests) };
        WarmRecording recording = WarmRecording.start(gateways.get(0), jfrFile, settings.get("warmJfrSettings"));
        double cpuBefore = gateways.get(0).cpuSeconds();
        double comparedCpuBefore = compared == null ? 0 : compared.cpuSeconds();
        for (int i = 0; i < requests; i++) {
            json[0].add(timeJson(direct));
            json[1].add(timeJson(gateway()));
            firstEvent[0].add(timeToFirstEvent(direct));
            firstEvent[1].add(timeToFirstEvent(gateway()));
            if (compared != null) {
                json[2].add(timeJson(comparedUrl));
                firstEvent[2].add(timeToFirstEvent(comparedUrl));
            }
        }
        double cpu = gateways.get(0).cpuSeconds() - cpuBefore;
        double comparedCpu = compared == null ? 0 : compared.cpuSeconds() - comparedCpuBefore;
        recording.stop();
        String after = String.format(Locale.ROOT, "after %,d requests of each kind", warmedRequests - requests);
        report(name + " (" + after + "): non-streaming latency", json[0], json[1]);
        report(name + ": time to first event", firstEvent[0], firstEvent[1]);
        // One JSON request and one stream (read to its end) per sample; with replicas, shared among them.
        System.out.printf(Locale.ROOT, "  gateway CPU per JSON request + stream: %.0f µs%n", cpu * 1e6 / requests);
        if (compared != null) {
            System.out.printf(Locale.ROOT, "%nCompared gateway (%s), same run, interleaved:%n", settings.get("vs"));
            report("  " + name + " (compared): non-streaming latency", json[0], json[2]);
            report("  " + name + " (compared): time to first event", firstEvent[0], firstEvent[2]);
            System.out.printf(Locale.ROOT, "  compared gateway CPU per JSON request + stream: %.0f µs%n",
                    comparedCpu * 1e6 / requests);
        }
        addedRow("added median latency, non-streaming, " + name.toLowerCase(Locale.ROOT) + ", " + after, json[0],
                json[1], 0.6);
        addedRow("added median time to first event, " + name.toLowerCase(Locale.ROOT), firstEvent[0], firstEvent[1],
                0.6);
        if (compared != null) {
            addedRow("  the same, compared gateway", json[0], json[2], 0.6);
            addedRow("  the same, compared gateway", firstEvent[0], firstEvent[2], 0.6);
        }
    }

    /**
     * What a coding agent sends: its whole conversation at every turn, {@code largeKiB} (240) KiB of source code as
     * a system prompt, a question and an answer, then one new message. {@code large} (300) requests of each kind,
     * interleaved with the direct path: the agent's next turn (the same conversation with a new last message), and a
     * new conversation each time (every message new, so the gateway has counted none of it before). The simulator
     * takes {@code largeUpstreamMs} (30) ms before it answers each, direct or not: an upstream takes seconds over a
     * 60,000-token prompt, and what the gateway does meanwhile (counting new text) is not added latency.
     */
    private void largeRequestsPhase() throws Exception {
        int requests = number("large");
        postToSimulator("config", "{\"headerDelayMs\":" + number("largeUpstreamMs") + "}");
        try {
            largeRequests(requests);
        } finally {
            postToSimulator("config", "{\"headerDelayMs\":0}");
        }
    }

    private void largeRequests(int requests) throws Exception {
        String text = sourceText(number("largeKiB") * 1024);
        int third = text.length() / 3;
        String[] parts = { text.substring(0, third), text.substring(third, 2 * third), text.substring(2 * third) };
        // [0] direct, [1] through the gateway, [2] through the compared gateway (vs=JAR)
        Samples[] nextTurn = { new Samples(requests), new Samples(requests), new Samples(requests) };
        Samples[] newConversation = { new Samples(requests), new Samples(requests), new Samples(requests) };
        // The same next turn as Codex sends it (/v1/responses) and as Claude Code does (/v1/messages), through the
        // gateway only: the simulator speaks chat completions, so each is compared with the chat request direct.
        Samples responsesTurn = new Samples(requests);
        Samples messagesTurn = new Samples(requests);
        double cpuBefore = gateways.get(0).cpuSeconds();
        for (int i = 0; i < requests; i++) {
            String question = "Turn " + i + ": now explain the streaming relay.";
            String turn = conversation(parts, "", question);
            // A marker at the start of every message makes each one a text the gateway has not seen.
            String fresh = conversation(parts, "Conversation " + i + ". ", "And the tests?");
            nextTurn[0].add(timeJson(direct, turn));
            nextTurn[1].add(timeJson(gateway(), turn));
            responsesTurn.add(timeJson(gateway(), "/responses", responsesTurn(parts, question),
                    "\"object\":\"response\""));
            messagesTurn.add(timeJson(gateway(), "/messages", messagesTurn(parts, question), "\"type\":\"message\""));
            newConversation[0].add(timeJson(direct, fresh));
            newConversation[1].add(timeJson(gateway(), fresh));
            if (compared != null) {
                nextTurn[2].add(timeJson(comparedUrl, turn));
                newConversation[2].add(timeJson(comparedUrl, fresh));
            }
        }
        double cpu = gateways.get(0).cpuSeconds() - cpuBefore;
        String size = String.format(Locale.ROOT, "%,d KiB", conversation(parts, "", "").length() / 1024);
        String upstream = ", the upstream answering after " + number("largeUpstreamMs") + " ms";
        report("Large requests (" + size + upstream + "): an agent's next turn", nextTurn[0], nextTurn[1]);
        report("Large requests (" + size + upstream + "): a new conversation each time", newConversation[0],
                newConversation[1]);
        if (compared == null) {
            System.out.printf(Locale.ROOT, "  gateway CPU per pair of large requests: %.0f µs%n",
                    cpu * 1e6 / requests);
        } else {
            report("  compared gateway: an agent's next turn", nextTurn[0], nextTurn[2]);
            report("  compared gateway: a new conversation each time", newConversation[0], newConversation[2]);
        }
        reportedRow("added median, " + size + " request, an agent's next turn", nextTurn[0], nextTurn[1]);
        reportedRow("added median, " + size + " request, a new conversation", newConversation[0],
                newConversation[1]);
        report("Large requests (" + size + upstream + "): the next turn through /v1/responses against chat direct",
                nextTurn[0], responsesTurn);
        report("Large requests (" + size + upstream + "): the next turn through /v1/messages against chat direct",
                nextTurn[0], messagesTurn);
        reportedRow("  the next turn as /v1/responses (against chat direct)", nextTurn[0], responsesTurn);
        reportedRow("  the next turn as /v1/messages (against chat direct)", nextTurn[0], messagesTurn);
        if (compared != null) {
            reportedRow("  the same, compared gateway", nextTurn[0], nextTurn[2]);
            reportedRow("  the same, compared gateway", newConversation[0], newConversation[2]);
        }
    }

    /** The gateway's own sources, in a stable order, as the text of a large conversation. */
    private String sourceText(int chars) throws IOException {
        StringBuilder text = new StringBuilder(chars);
        try (var files = java.nio.file.Files.walk(root.resolve("server/src/main/java"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
                text.append(java.nio.file.Files.readString(file));
                if (text.length() >= chars) {
                    break;
                }
            }
        }
        if (text.length() < chars) {
            throw new IllegalStateException("Not enough source text under " + root + " for largeKiB");
        }
        return text.substring(0, chars);
    }

    private static String conversation(String[] parts, String marker, String question) {
        var json = new StringBuilder(parts[0].length() * 4);
        json.append("{\"model\":\"coder-model\",\"messages\":[");
        String[] roles = { "system", "user", "assistant" };
        for (int i = 0; i < parts.length; i++) {
            json.append("{\"role\":\"").append(roles[i]).append("\",\"content\":");
            quote(json, marker + parts[i]);
            json.append("},");
        }
        json.append("{\"role\":\"user\",\"content\":");
        quote(json, question);
        return json.append("}]}").toString();
    }

    /** The same conversation as a Responses API request: the system part as its instructions, unstored. */
    private static String responsesTurn(String[] parts, String question) {
        return agentTurn("{\"model\":\"coder-model\",\"store\":false,\"instructions\":", "input", parts, question);
    }

    /** The same conversation as an Anthropic Messages request: the system part as its system prompt. */
    private static String messagesTurn(String[] parts, String question) {
        return agentTurn("{\"model\":\"coder-model\",\"max_tokens\":4096,\"system\":", "messages", parts, question);
    }

    /** {@code opening}, the system part, then the other parts and the question as the {@code list} of messages. */
    private static String agentTurn(String opening, String list, String[] parts, String question) {
        var json = new StringBuilder(parts[0].length() * 4).append(opening);
        quote(json, parts[0]);
        json.append(",\"").append(list).append("\":[");
        turns(json, parts, question);
        return json.append("]}").toString();
    }

    /** The user's and the assistant's parts, then the question, as messages of role and string content. */
    private static void turns(StringBuilder json, String[] parts, String question) {
        String[] roles = { "user", "assistant", "user" };
        String[] texts = { parts[1], parts[2], question };
        for (int i = 0; i < texts.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"role\":\"").append(roles[i]).append("\",\"content\":");
            quote(json, texts[i]);
            json.append('}');
        }
    }

    /**
     * A JSON string, escaped here because the benchmark loads nothing but the JDK (no JSON library): the sources hold
     * quotes, backslashes, newlines and tabs; other control characters are escaped as code points.
     */
    private static void quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\t' -> json.append("\\t");
                case '\r' -> json.append("\\r");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /**
     * A flight recording of the measured warm requests only ({@code warmJfr=FILE}, with {@code warmJfrSettings=}
     * profile or a .jfc file, e.g. one made by {@code jfr configure} with a shorter sampling period).
     */
    private record WarmRecording(Launched gateway, String file) {
        static WarmRecording start(Launched gateway, String file, String jfc) throws Exception {
            if (!file.isEmpty()) {
                jcmd(gateway, "JFR.start", "name=warm", "settings=" + jfc);
            }
            return new WarmRecording(gateway, file);
        }

        void stop() throws Exception {
            if (!file.isEmpty()) {
                jcmd(gateway, "JFR.stop", "name=warm", "filename=" + Path.of(file).toAbsolutePath());
                System.out.println("Flight recording of the measured warm requests: " + Path.of(file).toAbsolutePath());
            }
        }
    }

    /** {@code jcmd PID command...} on the gateway, its output discarded; fails unless it ends well within a minute. */
    private static void jcmd(Launched gateway, String... command) throws Exception {
        jcmd(gateway, ProcessBuilder.Redirect.DISCARD, command);
    }

    /** The same with the output to {@code output}. */
    private static void jcmd(Launched gateway, ProcessBuilder.Redirect output, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                .toString(), Long.toString(gateway.pid())));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output).start();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + line + " failed");
        }
    }

    private void concurrentStreamsPhase() throws Exception {
        int streams = number("streams");
        configureSimulator(number("streamChunks"), number("streamDelayMs"));
        Duration duration = Duration.ofSeconds(number("seconds"));
        System.out.printf("%n%d concurrent streams for %d s each way (%d chunks, %d ms apart)...%n", streams,
                duration.toSeconds(), number("streamChunks"), number("streamDelayMs"));
        Throughput directRun = streamFor(() -> direct, streams, duration);
        System.out.println("  direct:  " + directRun);
        Throughput gatewayRun;
        try (MemoryWatch watch = new MemoryWatch(gateways)) {
            double cpuBefore = cpuSeconds(gateways);
            gatewayRun = streamFor(this::gateway, streams, duration);
            double cpu = cpuSeconds(gateways) - cpuBefore;
            System.out.println("  gateway: " + gatewayRun);
            System.out.println("  " + watch);
            // Less sensitive to what else the machine runs than streams/s: the gateway's own CPU time per stream.
            System.out.printf(Locale.ROOT, "  gateway CPU per stream: %.0f µs%n", cpu * 1e6 / gatewayRun.completed());
            if (compared != null) {
                double comparedBefore = compared.cpuSeconds();
                Throughput comparedRun = streamFor(() -> comparedUrl, streams, duration);
                double comparedCpu = compared.cpuSeconds() - comparedBefore;
                System.out.printf(Locale.ROOT, "  compared gateway: %s (%.0f %% of direct; this build %.0f %%),"
                        + " CPU per stream %.0f µs%n", comparedRun, 100 * comparedRun.perSecond() / directRun.perSecond(),
                        100 * gatewayRun.perSecond() / directRun.perSecond(),
                        comparedCpu * 1e6 / comparedRun.completed());
            }
            row("peak RSS of the gateway during the " + streams + "-stream phase", "",
                    String.format(Locale.ROOT, "%.0f MiB", watch.maxRssKib / MIB),
                    String.format(Locale.ROOT, "VmHWM %.0f MiB, %d threads", watch.maxHwmKib / MIB, watch.maxThreads),
                    "≤ 256 MiB", verdict(watch.maxRssKib / MIB <= 256));
        }
        double ratio = gatewayRun.perSecond() / directRun.perSecond();
        row(streams + " concurrent streams (" + number("streamChunks") + " events, " + number("streamDelayMs")
                + " ms apart), streams/s", String.format(Locale.ROOT, "%.0f", directRun.perSecond()),
                String.format(Locale.ROOT, "%.0f", gatewayRun.perSecond()),
                String.format(Locale.ROOT, "%.0f %% (%d errors)", ratio * 100, gatewayRun.errors), "≥ 80 % of direct",
                verdict(ratio >= 0.8 && gatewayRun.errors == 0));
    }

    private void openStreamsPhase() throws Exception {
        int open = number("open");
        configureSimulator(number("openChunks"), number("openDelayMs"));
        System.out.printf("%n%d streams open at once (%d events, %d ms apart), %d rounds each way...%n", open,
                number("openChunks"), number("openDelayMs"), number("openRounds"));
        Samples[] firstEvent = { new Samples(open), new Samples(open) };
        long[] errors = new long[2];
        Set<String> errorKinds = ConcurrentHashMap.newKeySet();
        try (MemoryWatch watch = new MemoryWatch(gateways)) {
            for (int round = 0; round < number("openRounds"); round++) {
                // Each round alone, with the CPU time every process spent on it: on 2 shared cores a burst is
                // bounded by the CPU that the whole chain needs (client, gateway, simulator), not by one queue.
                errors[0] += openRound("round " + (round + 1) + " direct ", () -> direct, open, 0, firstEvent[0],
                        errorKinds);
                errors[1] += openRound("round " + (round + 1) + " gateway", this::gateway, open, 0, firstEvent[1],
                        errorKinds);
            }
            report("Time to first event with " + open + " streams open at once", firstEvent[0], firstEvent[1]);
            System.out.printf("  errors: direct %d, gateway %d %s%n  %s%n", errors[0], errors[1],
                    errorKinds.isEmpty() ? "" : errorKinds.stream().limit(3).toList(), watch);
        }
        double added = firstEvent[1].percentile(99) - firstEvent[0].percentile(99);
        row(open + " open streams (" + number("openChunks") + " events, " + number("openDelayMs")
                + " ms apart): errors", Long.toString(errors[0]), Long.toString(errors[1]), "", "0",
                verdict(errors[1] == 0));
        row(open + " open streams: p99 time to first event", ms(firstEvent[0].percentile(99)),
                ms(firstEvent[1].percentile(99)), "+" + ms(added), "added ≤ 20 ms", verdict(added <= 20));
        rampedOpen(open);
    }

    /**
     * The same streams started evenly over {@code openRampMs} instead of all at once: what a steadier arrival gives,
     * beside (never instead of) the burst that the target is about. Reported only.
     */
    private void rampedOpen(int open) throws Exception {
        int rampMs = number("openRampMs");
        if (rampMs <= 0) {
            return;
        }
        System.out.printf("%n%d streams started over %d ms (%.0f per second), once each way...%n", open, rampMs,
                open * 1000.0 / rampMs);
        Samples[] firstEvent = { new Samples(open), new Samples(open) };
        Set<String> errorKinds = ConcurrentHashMap.newKeySet();
        long directErrors = openRound("ramp direct ", () -> direct, open, rampMs, firstEvent[0], errorKinds);
        long gatewayErrors = openRound("ramp gateway", this::gateway, open, rampMs, firstEvent[1], errorKinds);
        report("Time to first event, " + open + " streams over " + rampMs + " ms", firstEvent[0], firstEvent[1]);
        double added = firstEvent[1].percentile(99) - firstEvent[0].percentile(99);
        row(open + " streams started over " + rampMs + " ms: p99 time to first event (errors)",
                ms(firstEvent[0].percentile(99)) + " (" + directErrors + ")",
                ms(firstEvent[1].percentile(99)) + " (" + gatewayErrors + ")", "+" + ms(added), "reported", "");
    }

    /** One round of {@link #openAll}, printed with its own percentiles and each process's CPU time during it. */
    private long openRound(String label, Target target, int count, int rampMs, Samples all, Set<String> errorKinds)
            throws Exception {
        Samples round = new Samples(count);
        Samples doneToEnd = new Samples(count);
        AtomicInteger peak = new AtomicInteger();
        double[] cpuBefore = cpuSeconds();
        long start = System.nanoTime();
        long errors = openAll(target, count, TimeUnit.MILLISECONDS.toNanos(rampMs), round, doneToEnd, errorKinds,
                peak);
        double wall = (System.nanoTime() - start) / 1e9;
        double[] cpuAfter = cpuSeconds();
        for (int i = 0; i < round.size(); i++) {
            all.add(round.nanos(i));
        }
        System.out.printf(Locale.ROOT, "  %s: first event median %7.1f p99 %7.1f max %7.1f ms, [DONE] to the end of "
                + "the body p99 %.1f max %.1f ms, %d errors, up to %d open, %.2f s; CPU s: benchmark %.2f, simulator "
                + "%.2f, gateway %.2f (%.2f ms per stream)%n", label, round.percentile(50), round.percentile(99),
                round.percentile(100), doneToEnd.percentile(99), doneToEnd.percentile(100), errors, peak.get(), wall,
                cpuAfter[0] - cpuBefore[0], cpuAfter[1] - cpuBefore[1], cpuAfter[2] - cpuBefore[2],
                (cpuAfter[2] - cpuBefore[2]) * 1000 / count);
        return errors;
    }

    /** CPU seconds so far of this process, the simulator and the gateways together. */
    private double[] cpuSeconds() {
        double gatewaysCpu = 0;
        for (Launched gateway : gateways) {
            gatewaysCpu += gateway.cpuSeconds();
        }
        double self = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
        return new double[] { self, simulator.cpuSeconds(), gatewaysCpu };
    }

    /**
     * Memory per open, idle stream: the simulator holds {@code idle} streams open after their first event; the
     * gateway's RSS and live heap (after a full GC) with them open, less the same figures before they opened. After
     * other phases ({@code fresh}), in a gateway of its own that has served nothing else: one that has held many
     * streams before keeps their Tomcat processors with their buffers (~84 KiB each) and would not count them.
     */
    private void idleStreamsPhase(boolean fresh) throws Exception {
        int idle = number("idle");
        if (idle == 0) {
            return;
        }
        configureSimulator(16, 0);
        Launch launch = fresh ? launchGateway("idle-phase gateway", redisUrl, false, null) : null;
        Launched gateway = fresh ? launch.gateway() : gateways.get(0);
        String base = fresh ? launch.base() + "/v1" : gatewayUrls.get(0);
        if (fresh) {
            System.out.printf(Locale.ROOT, "%nIdle streams in a gateway of their own (pid %d, healthy %.2f s after "
                    + "launch)%n", gateway.pid(), launch.seconds());
        }
        try {
            idleStreams(idle, gateway, base, fresh);
        } finally {
            if (fresh) {
                gateway.close();
                started.remove(gateway);
            }
        }
    }

    private void idleStreams(int idle, Launched gateway, String base, boolean fresh) throws Exception {
        Footprint before = footprint(gateway, base);
        classHistogram(gateway, "before");
        StringBuilder behaviours = new StringBuilder("[");
        for (int i = 0; i < idle; i++) {
            behaviours.append(i == 0 ? "" : ",").append("{\"kind\":\"stallMidStream\",\"chunks\":1}");
        }
        postToSimulator("chat/enqueue", behaviours.append(']').toString());
        CountDownLatch opened = new CountDownLatch(idle);
        ExecutorService clients = Executors.newFixedThreadPool(idle, daemon("benchmark-idle"));
        try {
            for (int i = 0; i < idle; i++) {
                clients.submit(() -> {
                    HttpResponse<InputStream> response = http.send(post(base, STREAM),
                            HttpResponse.BodyHandlers.ofInputStream());
                    try (BufferedReader body = StreamCheck.reader(response)) {
                        body.readLine();
                        opened.countDown();
                        body.transferTo(java.io.Writer.nullWriter());
                    }
                    return null;
                });
            }
            if (!opened.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("Only " + (idle - opened.getCount()) + " idle streams opened");
            }
            Thread.sleep(1000);
            Footprint open = footprint(gateway, base);
            classHistogram(gateway, "open");
            double rssPerStream = (open.rssKib - before.rssKib) / (double) idle;
            double heapPerStream = (open.heapBytes - before.heapBytes) / 1024.0 / idle;
            System.out.printf(Locale.ROOT, "%n%d idle streams open: RSS %.0f -> %.0f MiB, live heap %.1f -> %.1f MiB, "
                    + "threads %d -> %d%n", idle, before.rssKib / MIB, open.rssKib / MIB, before.heapBytes / MIB / MIB,
                    open.heapBytes / MIB / MIB, before.threads, open.threads);
            row("memory per open idle stream (" + idle + " streams" + (fresh ? ", a fresh gateway" : "") + ")", "",
                    String.format(Locale.ROOT, "%.1f KiB RSS", rssPerStream),
                    String.format(Locale.ROOT, "%.1f KiB live heap, %+d threads", heapPerStream,
                            open.threads - before.threads), "reported", "");
        } finally {
            postToSimulator("stalls/thaw", "{}");
            clients.shutdown();
            clients.awaitTermination(30, TimeUnit.SECONDS);
            clients.shutdownNow();
        }
    }

    /**
     * With {@code histogram=PREFIX}: the gateway's live objects by class ({@code jcmd GC.class_histogram}, after a
     * full GC) into PREFIX-before.txt and PREFIX-open.txt, to see what an idle stream holds.
     */
    private void classHistogram(Launched gateway, String when) throws Exception {
        if (settings.get("histogram").isEmpty()) {
            return;
        }
        Path file = Path.of(settings.get("histogram") + "-" + when + ".txt").toAbsolutePath();
        jcmd(gateway, ProcessBuilder.Redirect.to(file.toFile()), "GC.class_histogram");
        System.out.println("Class histogram (" + when + "): " + file);
    }

    private record Footprint(long rssKib, long heapBytes, int threads) {
    }

    /** RSS and threads from /proc, the live heap from /actuator/prometheus after a full GC ({@code jcmd GC.run}). */
    private Footprint footprint(Launched gateway, String base) throws Exception {
        jcmd(gateway, "GC.run");
        Thread.sleep(500);
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base.replace("/v1", "/actuator/prometheus")))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()).body();
        long heap = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                heap += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        Launched.MemoryStatus status = gateway.status();
        return new Footprint(status.rssKib(), heap, status.threads());
    }

    // ------------------------------------------------------------------------------------------------- load

    private interface Target {
        String base();
    }

    private static double cpuSeconds(List<Launched> gateways) {
        return gateways.stream().mapToDouble(Launched::cpuSeconds).sum();
    }

    private record Throughput(long completed, long errors, long events, double seconds, Set<String> errorKinds) {
        double perSecond() {
            return completed / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d streams, %d errors%s, %.1f streams/s, %.0f events/s", completed,
                    errors, errorKinds.isEmpty() ? "" : " " + errorKinds.stream().limit(3).toList(), perSecond(),
                    events / seconds);
        }
    }

    /** {@code streams} clients, each opening a stream, reading it to [DONE] and opening the next, for a while. */
    private Throughput streamFor(Target target, int streams, Duration duration) throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong completed = new AtomicLong();
        AtomicLong events = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Set<String> errorKinds = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(streams, daemon("benchmark-stream"));
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            workers.add(clients.submit(() -> {
                while (System.nanoTime() < deadline) {
                    int read = readStream(target.base(), null, errorKinds);
                    if (read > 0) {
                        completed.incrementAndGet();
                        events.addAndGet(read);
                    } else {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        clients.shutdownNow();
        return new Throughput(completed.get(), errors.get(), events.get(), (System.nanoTime() - start) / 1e9,
                errorKinds);
    }

    /**
     * {@code count} streams, started together ({@code rampNanos} 0) or evenly over {@code rampNanos}; each one's time
     * to its first event (from its own start); the number that failed. {@code peak}: the most open at once.
     */
    private long openAll(Target target, int count, long rampNanos, Samples firstEvent, Samples doneToEnd,
            Set<String> errorKinds, AtomicInteger peak) throws Exception {
        CountDownLatch ready = new CountDownLatch(count);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong errors = new AtomicLong();
        AtomicInteger openNow = new AtomicInteger();
        AtomicLong startAt = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(count, daemon("benchmark-open"));
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long offset = rampNanos * i / count;
            workers.add(clients.submit(() -> {
                String base = target.base();
                ready.countDown();
                go.await();
                long wait;
                while ((wait = startAt.get() + offset - System.nanoTime()) > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                peak.accumulateAndGet(openNow.incrementAndGet(), Math::max);
                if (readStream(base, firstEvent, doneToEnd, errorKinds) <= 0) {
                    errors.incrementAndGet();
                }
                openNow.decrementAndGet();
                return null;
            }));
        }
        ready.await();
        startAt.set(System.nanoTime());
        go.countDown();
        for (Future<?> worker : workers) {
            worker.get();
        }
        clients.shutdownNow();
        return errors.get();
    }

    /** One stream read to [DONE]: its data events, or 0 after recording what went wrong. */
    private int readStream(String base, Samples firstEvent, Set<String> errorKinds) {
        return readStream(base, firstEvent, null, errorKinds);
    }

    /** As above; {@code doneToEnd}, if not null, gets each stream's time from [DONE] to the end of its body. */
    private int readStream(String base, Samples firstEvent, Samples doneToEnd, Set<String> errorKinds) {
        try {
            long start = System.nanoTime();
            HttpResponse<InputStream> response = http.send(post(base, STREAM), HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader body = StreamCheck.reader(response)) {
                if (response.statusCode() != 200) {
                    errorKinds.add(response.statusCode() + " " + body.readLine());
                    return 0;
                }
                String first = body.readLine();
                if (first == null || !first.startsWith("data: ")) {
                    errorKinds.add("no first event: " + first);
                    return 0;
                }
                if (firstEvent != null) {
                    firstEvent.add(System.nanoTime() - start);
                }
                int rest = StreamCheck.readToDone(body, doneToEnd);
                if (rest < 0) {
                    errorKinds.add("stream ended without [DONE] or with an error event");
                    return 0;
                }
                return rest + 1;
            }
        } catch (Exception e) {
            errorKinds.add(e.toString());
            return 0;
        }
    }

    private long timeJson(String base) throws IOException, InterruptedException {
        return timeJson(base, CHAT);
    }

    private long timeJson(String base, String body) throws IOException, InterruptedException {
        return timeJson(base, "/chat/completions", body, "chat.completion");
    }

    /** One non-streaming request to {@code base + path}, checked for {@code marker} in its answer. */
    private long timeJson(String base, String path, String body, String marker)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer benchmark-key")
                .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.ofString(body));
        if (path.equals("/messages")) {
            request.header("anthropic-version", "2023-06-01");
        }
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - start;
        if (response.statusCode() != 200 || !response.body().contains(marker)) {
            throw new IllegalStateException("Bad answer from " + base + ": " + response.statusCode() + " "
                    + response.body());
        }
        return elapsed;
    }

    private long timeToFirstEvent(String base) throws IOException, InterruptedException {
        return StreamCheck.timeToFirstEvent(http, post(base, STREAM));
    }

    private void configureSimulator(int chunks, int delayMs) throws Exception {
        postToSimulator("config", "{\"streamChunks\":" + chunks + ",\"chunkDelayMs\":" + delayMs + "}");
    }

    private void postToSimulator(String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(direct.replace("/v1", "/__sim/"
                + path))).header("Content-Type", "application/json").timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The simulator refused " + path + ": " + response.body());
        }
    }

    private static HttpRequest post(String base, String body) {
        return HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer benchmark-key")
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The gateways' highest RSS, high-water mark and thread count, sampled every 100 ms while it is open. */
    private static final class MemoryWatch implements AutoCloseable {
        private final ScheduledSampler sampler;
        private volatile long maxRssKib;
        private volatile long maxHwmKib;
        private volatile int maxThreads;

        MemoryWatch(List<Launched> gateways) {
            sampler = new ScheduledSampler(() -> {
                for (Launched gateway : gateways) {
                    Launched.MemoryStatus status = gateway.status();
                    maxRssKib = Math.max(maxRssKib, status.rssKib());
                    maxHwmKib = Math.max(maxHwmKib, status.hwmKib());
                    maxThreads = Math.max(maxThreads, status.threads());
                }
            });
        }

        @Override
        public void close() {
            sampler.close();
        }

        @Override
        public String toString() {
            sampler.sampleNow();
            return String.format(Locale.ROOT, "gateway process: peak RSS %.0f MiB, VmHWM %.0f MiB, up to %d threads",
                    maxRssKib / MIB, maxHwmKib / MIB, maxThreads);
        }
    }

    private static final class ScheduledSampler implements AutoCloseable {
        private final Runnable sample;
        private final java.util.concurrent.ScheduledExecutorService timer = Executors
                .newSingleThreadScheduledExecutor(daemon("benchmark-memory"));

        ScheduledSampler(Runnable sample) {
            this.sample = sample;
            timer.scheduleAtFixedRate(this::sampleNow, 0, 100, TimeUnit.MILLISECONDS);
        }

        synchronized void sampleNow() {
            sample.run();
        }

        @Override
        public void close() {
            timer.shutdownNow();
            sampleNow();
        }
    }

    // ------------------------------------------------------------------------------------------------- report

    private static void report(String title, Samples direct, Samples gateway) {
        System.out.printf(Locale.ROOT, "%n%s (%d samples per path), milliseconds:%n", title, direct.size());
        System.out.printf(Locale.ROOT, "  %-8s median %7.3f   p99 %7.3f%n", "direct", direct.percentile(50),
                direct.percentile(99));
        System.out.printf(Locale.ROOT, "  %-8s median %7.3f   p99 %7.3f%n", "gateway", gateway.percentile(50),
                gateway.percentile(99));
        System.out.printf(Locale.ROOT, "  %-8s median %+7.3f   p99 %+7.3f%n", "added",
                gateway.percentile(50) - direct.percentile(50), gateway.percentile(99) - direct.percentile(99));
    }

    private void addedRow(String figure, Samples direct, Samples gateway, double targetMs) {
        double added = gateway.percentile(50) - direct.percentile(50);
        row(figure, ms(direct.percentile(50)), ms(gateway.percentile(50)), String.format(Locale.ROOT, "%+.3f ms",
                added), "≤ " + targetMs + " ms", verdict(added <= targetMs));
    }

    private void reportedRow(String figure, Samples direct, Samples gateway) {
        row(figure, ms(direct.percentile(50)), ms(gateway.percentile(50)), String.format(Locale.ROOT, "%+.3f ms",
                gateway.percentile(50) - direct.percentile(50)), "reported", "");
    }

    private void row(String... cells) {
        table.add(cells);
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.3f ms", value);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT MET";
    }

    private void printTable() {
        String[] header = { "figure", "direct", "gateway", "added / ratio", "target", "" };
        int[] widths = new int[header.length];
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        rows.addAll(table);
        for (String[] cells : rows) {
            for (int i = 0; i < cells.length; i++) {
                widths[i] = Math.max(widths[i], cells[i].length());
            }
        }
        System.out.printf(Locale.ROOT, "%nSummary: Java %s, %d cores, %d gateway process(es)%s, %s%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), gateways.size(),
                Boolean.parseBoolean(settings.get("redis")) ? " sharing Redis" : "", commit());
        rows.add(1, java.util.Arrays.stream(widths).mapToObj("-"::repeat).toArray(String[]::new));
        for (String[] cells : rows) {
            StringBuilder line = new StringBuilder("| ");
            for (int i = 0; i < cells.length; i++) {
                line.append(String.format("%-" + widths[i] + "s", cells[i])).append(" | ");
            }
            System.out.println(line.toString().stripTrailing());
        }
    }

    private String commit() {
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "log", "-1", "--format=commit %h %s")
                    .redirectErrorStream(true).start();
            String line = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? line : "commit unknown";
        } catch (IOException | InterruptedException e) {
            return "commit unknown";
        }
    }
}

package io.qwengateway.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.qwengateway.GatewayApplication;
import io.qwengateway.pool.Routing;
import io.qwengateway.pool.UpstreamPool;
import io.qwengateway.simulator.QwenSimulator;
import io.qwengateway.simulator.ResponseShape;
import io.qwengateway.simulator.SimulatorOptions;

/**
 * Measures what the gateway adds, against the same simulated Qwen, direct and through the gateway:
 * <ol>
 * <li>non-streaming latency (median and p99), requests interleaved so both paths see the same machine state;</li>
 * <li>time to the first streamed event (median and p99);</li>
 * <li>256 concurrent streams for a fixed time: completed streams, errors, throughput.</li>
 * </ol>
 * Run it with {@code ./mvnw -q install -DskipTests && ./mvnw -q -pl server exec:java@benchmark} (see
 * docs/performance.md). Arguments: {@code requests=N streams=N seconds=N}, and any {@code --name=value}, a setting
 * of the gateway under test (say {@code --DEBUG_LOG=true}). {@code --vs} starts another gateway with the settings
 * that follow it: the requests then go to every gateway in turn, so that settings are compared on the same machine
 * state. Each gateway's data directory is a temporary one. {@code pool=N} adds a gateway whose pool has N upstreams
 * (round-robin, all at the same simulator), measured the same way, and the cost of the pool's routing alone.
 */
public final class ProxyBenchmark {

    /** Stands for the simulator's URL in settings written before it started (the pool's upstreams). */
    private static final String SIMULATOR = "{simulator}";

    private static final String CHAT = """
            {"model":"coder-model","messages":[{"role":"user","content":"Benchmark me, please."}]}""";
    private static final String STREAM = """
            {"model":"coder-model","stream":true,"messages":[{"role":"user","content":"Benchmark me, please."}]}""";

    private static final AtomicLong GATEWAYS_STARTED = new AtomicLong();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newCachedThreadPool(daemon()))
            .build();

    public static void main(String[] args) throws Exception {
        // The JDK server behind the simulator closes keep-alive connections beyond 200 idle ones at once; a real
        // upstream does not, and 256 streams would otherwise measure reconnection churn rather than the gateway.
        System.getProperties().putIfAbsent("sun.net.httpserver.maxIdleConnections", "4096");
        List<List<String>> gatewaySettings = new ArrayList<>(List.of(new ArrayList<>()));
        for (String arg : args) {
            if (arg.equals("--vs")) {
                gatewaySettings.add(new ArrayList<>());
            } else if (arg.startsWith("--")) {
                gatewaySettings.get(gatewaySettings.size() - 1).add(arg);
            }
        }
        Map<String, Integer> settings = Arguments.parse(Arrays.stream(args).filter(arg -> !arg.startsWith("--"))
                .toArray(String[]::new),
                Map.of("requests", 5000, "warmup", 3000, "streams", 256, "seconds", 15, "chunks", 20, "chunkDelayMs", 20,
                        "pool", 0));
        if (settings.get("pool") > 0) {
            gatewaySettings.add(pool(settings.get("pool")));
        }
        try (QwenSimulator simulator = QwenSimulator.start(SimulatorOptions.defaults().withAcceptAnyBearer(true))) {
            List<ConfigurableApplicationContext> gateways = new ArrayList<>();
            try {
                List<String> urls = new ArrayList<>();
                for (List<String> gatewaySetting : gatewaySettings) {
                    ConfigurableApplicationContext gateway = startGateway(simulator.baseUrl(), gatewaySetting);
                    gateways.add(gateway);
                    urls.add("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port") + "/v1");
                }
                new ProxyBenchmark().run(simulator, simulator.baseUrl() + "/v1", urls, settings);
                if (settings.get("pool") > 0) {
                    measureRouting(gateways.get(gateways.size() - 1).getBean(UpstreamPool.class), settings.get("pool"));
                }
            } finally {
                gateways.forEach(ConfigurableApplicationContext::close);
            }
        }
        System.exit(0);
    }

    private static ConfigurableApplicationContext startGateway(String simulatorUrl, List<String> settings)
            throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--gateway.credentials.source=api-key",
                "--gateway.api-key.key=benchmark-key",
                "--gateway.api-key.base-url=" + simulatorUrl + "/v1",
                "--gateway.directories.data=" + java.nio.file.Files.createTempDirectory("benchmark-data-"),
                "--logging.level.root=WARN"));
        settings.forEach(setting -> arguments.add(setting.replace(SIMULATOR, simulatorUrl)));
        System.out.println("Gateway " + (GATEWAYS_STARTED.incrementAndGet()) + " settings: " + settings);
        return new SpringApplication(GatewayApplication.class).run(arguments.toArray(String[]::new));
    }

    /** A pool of {@code size} API-key upstreams, round-robin, all at the simulator. */
    private static List<String> pool(int size) {
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String prefix = "--gateway.upstreams[" + i + "].";
            settings.addAll(List.of(prefix + "name=upstream-" + i, prefix + "kind=api-key",
                    prefix + "base-url=" + SIMULATOR + "/v1", prefix + "api-key=benchmark-key-" + i));
        }
        return settings;
    }

    /**
     * The pool's own work per request, without HTTP: choosing the upstream ({@code route}, {@code next}) and
     * hearing of its success, as {@code UpstreamCaller} does; without a session key, and with one of 1,000 sessions.
     */
    private static void measureRouting(UpstreamPool pool, int size) {
        Routing plain = Routing.forModel("coder-model");
        Routing[] sessions = new Routing[1000];
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = new Routing("coder-model", "session-" + i, null);
        }
        int rounds = 2_000_000;
        System.out.printf("%nPool routing alone (%d upstreams, %d requests each, after two warm-up rounds):%n", size,
                rounds);
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                pool.succeeded(pool.route(plain).next(), plain);
            }
            long withoutSession = System.nanoTime() - start;
            start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                Routing session = sessions[i % sessions.length];
                pool.succeeded(pool.route(session).next(), session);
            }
            long withSession = System.nanoTime() - start;
            if (round == 2) {
                System.out.printf("  without a session key %.0f ns per request, with one %.0f ns%n",
                        (double) withoutSession / rounds, (double) withSession / rounds);
            }
        }
    }

    private void run(QwenSimulator simulator, String direct, List<String> proxied, Map<String, Integer> settings)
            throws Exception {
        System.out.printf("Java %s, %d cores%n", Runtime.version(), Runtime.getRuntime().availableProcessors());

        simulator.setResponseShape(ResponseShape.DEFAULT.withContentChunks(settings.get("chunks")));
        System.out.printf("Warming up (%d requests per path)...%n", settings.get("warmup"));
        measureLatency(direct, proxied, settings.get("warmup"));
        measureTimeToFirstEvent(direct, proxied, settings.get("warmup") / 2);

        Samples[] latency = measureLatency(direct, proxied, settings.get("requests"));
        report("Non-streaming latency", latency);
        Samples[] firstEvent = measureTimeToFirstEvent(direct, proxied, settings.get("requests"));
        report("Streaming time to first event", firstEvent);
        Protocol.compare(http, proxied.get(0), settings.get("warmup") / 3, settings.get("requests") / 2);

        simulator.setResponseShape(ResponseShape.DEFAULT.withContentChunks(settings.get("chunks"))
                .withChunkDelay(Duration.ofMillis(settings.get("chunkDelayMs"))));
        int streams = settings.get("streams");
        Duration duration = Duration.ofSeconds(settings.get("seconds"));
        System.out.printf("%nConcurrent streams: %d at once for %ds, %d chunks %d ms apart each%n", streams,
                duration.toSeconds(), settings.get("chunks"), settings.get("chunkDelayMs"));
        System.out.println("  direct:  " + concurrentStreams(direct, streams, duration));
        for (int i = 0; i < proxied.size(); i++) {
            System.out.println("  gateway " + (i + 1) + ": " + concurrentStreams(proxied.get(i), streams, duration));
        }
    }

    /** Alternates direct and proxied calls so that all paths see the same JIT, GC and machine state. */
    private Samples[] measureLatency(String direct, List<String> proxied, int requests) throws Exception {
        return interleaved(direct, proxied, requests, this::timeJsonCall);
    }

    /** {@code requests} timings of each path, direct first, the paths taken in turn. */
    private static Samples[] interleaved(String direct, List<String> proxied, int requests, Timing timing)
            throws Exception {
        List<String> paths = new ArrayList<>(List.of(direct));
        paths.addAll(proxied);
        Samples[] samples = new Samples[paths.size()];
        for (int path = 0; path < samples.length; path++) {
            samples[path] = new Samples(requests);
        }
        for (int i = 0; i < requests; i++) {
            for (int path = 0; path < samples.length; path++) {
                samples[path].add(timing.time(paths.get(path)));
            }
        }
        return samples;
    }

    private interface Timing {
        long time(String base) throws IOException, InterruptedException;
    }

    private long timeJsonCall(String base) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(post(base, CHAT), HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - start;
        if (response.statusCode() != 200 || !response.body().contains("chat.completion")) {
            throw new IllegalStateException("Bad answer from " + base + ": " + response.statusCode());
        }
        return elapsed;
    }

    private Samples[] measureTimeToFirstEvent(String direct, List<String> proxied, int requests) throws Exception {
        return interleaved(direct, proxied, requests, this::timeToFirstEvent);
    }

    private long timeToFirstEvent(String base) throws IOException, InterruptedException {
        return StreamCheck.timeToFirstEvent(http, post(base, STREAM));
    }

    private String concurrentStreams(String base, int streams, Duration duration) throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong completed = new AtomicLong();
        AtomicLong events = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        java.util.Set<String> errorKinds = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(streams, daemon());
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            workers.add(clients.submit(() -> {
                while (System.nanoTime() < deadline) {
                    try {
                        HttpResponse<InputStream> response = http.send(post(base, STREAM),
                                HttpResponse.BodyHandlers.ofInputStream());
                        try (BufferedReader body = StreamCheck.reader(response)) {
                            if (response.statusCode() != 200) {
                                errors.incrementAndGet();
                                errorKinds.add(response.statusCode() + " " + body.readLine());
                                continue;
                            }
                            int read = StreamCheck.readToDone(body);
                            if (read > 0) {
                                completed.incrementAndGet();
                                events.addAndGet(read);
                            } else {
                                errors.incrementAndGet();
                                errorKinds.add("stream ended without [DONE] or with an error event");
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        errorKinds.add(e.toString());
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        clients.shutdownNow();
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format("%d streams completed, %d errors%s, %.1f streams/s, %.0f events/s", completed.get(),
                errors.get(), errorKinds.isEmpty() ? "" : " " + errorKinds.stream().limit(3).toList(),
                completed.get() / seconds, events.get() / seconds);
    }

    private static HttpRequest post(String base, String body) {
        return HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer benchmark-key")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** The direct path's figures, then each gateway's and what it added. */
    private static void report(String title, Samples[] paths) {
        Samples direct = paths[0];
        System.out.printf("%n%s (%d samples per path), milliseconds:%n", title, direct.size());
        System.out.printf("  %-10s median %7.3f   p99 %7.3f%n", "direct", direct.percentile(50), direct.percentile(99));
        for (int i = 1; i < paths.length; i++) {
            String name = paths.length == 2 ? "gateway" : "gateway " + i;
            Samples proxied = paths[i];
            System.out.printf("  %-10s median %7.3f   p99 %7.3f%n", name, proxied.percentile(50),
                    proxied.percentile(99));
            System.out.printf("  %-10s median %7.3f   p99 %7.3f%n", "added", proxied.percentile(50)
                    - direct.percentile(50), proxied.percentile(99) - direct.percentile(99));
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "benchmark-client");
            thread.setDaemon(true);
            return thread;
        };
    }

    /** {@code key=value} arguments over defaults. */
    private static final class Arguments {
        static Map<String, Integer> parse(String[] args, Map<String, Integer> defaults) {
            Map<String, Integer> settings = new java.util.HashMap<>(defaults);
            for (String arg : args) {
                String[] pair = arg.split("=", 2);
                if (pair.length != 2 || !defaults.containsKey(pair[0])) {
                    throw new IllegalArgumentException("Unknown argument " + arg + "; known: " + defaults.keySet());
                }
                settings.put(pair[0], Integer.parseInt(pair[1]));
            }
            return settings;
        }
    }
}

package io.qwengateway.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qwengateway.support.GatewayClient;
import io.qwengateway.support.GatewayJar;

/**
 * {@code bin/qwen-gateway}, the README's run command: the built jar with the gateway's JVM settings, which
 * {@code QWEN_GATEWAY_JVM_OPTS} replaces and {@code JAVA_OPTS} extends; the arguments go to the gateway. It runs the
 * jar extracted into a cache with the JVM's class cache (an AOT cache on Java 25+, a dynamic CDS archive before),
 * built by the first launch and reused by the next.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("..", "bin", "qwen-gateway").toAbsolutePath().normalize();
    private static final String PREPARING = "qwen-gateway: preparing the fast start";

    /** The cache most tests share: built by whichever runs first. */
    @TempDir
    static Path sharedCache;

    @TempDir
    Path temp;

    @Test
    void theLauncherRunsTheBuiltJarWithTheGatewaysJvmSettings() throws Exception {
        String output = run(Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--version");

        assertThat(output).contains("Qwen Gateway " + System.getProperty("gateway.version"));
        assertThat(output).contains("-XX:+UseSerialGC", "-XX:MaxHeapSize=402653184", "-XX:InitialHeapSize=134217728",
                "-XX:NewSize=100663296", "-XX:MaxNewSize=100663296", "-XX:SurvivorRatio=3", "-XX:MaxHeapFreeRatio=40",
                "-XX:MinHeapFreeRatio=20");
        assertSetFromJava(25, output, "-XX:+UseCompactObjectHeaders", "UseCompactObjectHeaders",
                "a product option only since Java 25");
    }

    @Test
    void virtualThreadsWaitForSocketsThroughOnePlatformPollerThread() throws Exception {
        String output = run(Map.of("QWEN_GATEWAY_CACHE", "off", "JAVA_OPTS", "-XshowSettings:properties"),
                "--version");

        assertThat(output).contains("Qwen Gateway " + System.getProperty("gateway.version"));
        assertSetFromJava(21, output, "jdk.pollerMode = 1", "jdk.pollerMode", "no virtual threads before Java 21");
    }

    @Test
    void aHeapLimitBelow256MibInJavaOptsStartsTheHeapSmallAndLeavesTheYoungGenerationToTheJvm() throws Exception {
        // The launcher's -Xms128m would make the JVM refuse to start under -Xmx64m.
        String small = run(Map.of("QWEN_GATEWAY_CACHE", "off", "JAVA_OPTS", "-Xmx64m -XX:+PrintCommandLineFlags"),
                "--version");
        String large = run(Map.of("QWEN_GATEWAY_CACHE", "off", "JAVA_OPTS", "-Xmx1g -XX:+PrintCommandLineFlags"),
                "--version");

        assertThat(small).contains("Qwen Gateway " + System.getProperty("gateway.version"))
                .contains("-XX:MaxHeapSize=67108864", "-XX:InitialHeapSize=16777216", "-XX:+UseSerialGC",
                        "-XX:MaxHeapFreeRatio=40")
                .doesNotContain("-XX:NewSize=100663296", "-XX:SurvivorRatio=3");
        assertThat(large).contains("-XX:MaxHeapSize=1073741824", "-XX:InitialHeapSize=134217728",
                "-XX:NewSize=100663296", "-XX:SurvivorRatio=3");
    }

    @Test
    void settingsOfItsOwnReplaceTheLaunchersJvmSettings() throws Exception {
        String output = run(Map.of("QWEN_GATEWAY_JVM_OPTS", "-XX:+UseG1GC -Xmx64m",
                "JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--version");

        assertThat(output).contains("-XX:+UseG1GC", "-XX:MaxHeapSize=67108864").doesNotContain("UseSerialGC");
        assertThat(output).contains("Qwen Gateway " + System.getProperty("gateway.version"));
    }

    @Test
    void theFirstLaunchBuildsTheClassCacheOnceAndLaterLaunchesUseIt() throws Exception {
        Path cache = temp.resolve("cache");
        Map<String, String> environment = Map.of("QWEN_GATEWAY_CACHE", cache.toString(), "JAVA_OPTS", cacheLog());

        String first = run(environment, "--version");
        List<Path> entries = entries(cache);
        String second = run(environment, "--version");

        assertThat(first).contains(PREPARING).contains("Qwen Gateway " + System.getProperty("gateway.version"));
        assertThat(entries).hasSize(1);
        Path classCache = classCacheIn(entries.get(0));
        assertThat(classCache).isNotEmptyFile();
        assertThat(second).doesNotContain(PREPARING).contains("Qwen Gateway " + System.getProperty("gateway.version"))
                .as("the JVM maps the cache").contains(classCache.toString());
        assertThat(entries(cache)).as("reused, not built again").isEqualTo(entries);
    }

    @Test
    void anXxOptionOfJavaOptsGetsACacheOfItsOwnTrainedWithIt() throws Exception {
        Path cache = temp.resolve("cache");
        // On 25 the JVM refuses an AOT cache built with compact object headers (the launcher's) when they are switched
        // off; on 17, any option makes the point.
        String option = Runtime.version().feature() >= 25 ? "-XX:-UseCompactObjectHeaders" : "-XX:+AlwaysPreTouch";
        run(Map.of("QWEN_GATEWAY_CACHE", cache.toString()), "--version");
        List<Path> before = entries(cache);

        String output = run(Map.of("QWEN_GATEWAY_CACHE", cache.toString(), "JAVA_OPTS", cacheLog() + " " + option),
                "--version");

        List<Path> after = new ArrayList<>(entries(cache));
        after.removeAll(before);
        assertThat(after).as("a second entry beside %s", before).hasSize(1);
        Path classCache = classCacheIn(after.get(0));
        assertThat(output).contains(PREPARING).as("the JVM maps the cache built with the option")
                .contains(classCache.toString()).doesNotContain("[error");
    }

    @Test
    void aCacheTheJvmCannotMapWithItsSettingsIsSetAsideAndTheJarStartsAsItIs() throws Exception {
        Path cache = temp.resolve("cache");
        // A young generation as large as the first heap: Java 25 builds an AOT cache with these settings, but cannot
        // load its archived heap objects at the next start, and stops there ("Unable to use AOT cache").
        Map<String, String> environment = Map.of("QWEN_GATEWAY_CACHE", cache.toString(),
                "QWEN_GATEWAY_JVM_OPTS", "-XX:+UseSerialGC -Xms16m -Xmn64m");

        String first = run(environment, "--version");
        String second = run(environment, "--version");

        assertThat(first).contains("Qwen Gateway " + System.getProperty("gateway.version"));
        assertThat(second).contains("Qwen Gateway " + System.getProperty("gateway.version")).doesNotContain(PREPARING);
        if (Runtime.version().feature() >= 25) {
            Path failed = entries(cache).stream().filter(file -> file.toString().endsWith(".failed")).findFirst()
                    .orElseThrow();
            assertThat(failed).content().contains("Unable to use AOT cache");
            assertThat(first.lines().filter(line -> line.startsWith("qwen-gateway: starting"))).containsExactly(
                    "qwen-gateway: starting from the jar: preparing the fast start failed (see " + failed
                            + "; delete it to retry)");
            assertThat(second.lines().filter(line -> line.startsWith("qwen-gateway: "))).containsExactly(
                    "qwen-gateway: starting from the jar: preparing the fast start failed before (see " + failed
                            + "; delete it to retry)");
        }
    }

    @Test
    void whenNoCacheCanBeBuiltTheJarStartsAsItIsAndTheLauncherSaysWhyInOneLine() throws Exception {
        Path file = Files.writeString(temp.resolve("a-file"), "not a directory");

        String output = run(Map.of("QWEN_GATEWAY_CACHE", file.resolve("cache").toString()), "--version");

        assertThat(output.lines().filter(line -> line.startsWith("qwen-gateway: "))).containsExactly(
                "qwen-gateway: starting from the jar: cannot create the fast-start cache in " + file.resolve("cache"));
        assertThat(output).contains("Qwen Gateway " + System.getProperty("gateway.version"));
    }

    @Test
    void settingsBesideTheOriginalJarApplyThoughTheClassesRunFromTheCache() throws Exception {
        Path app = Files.createDirectories(temp.resolve("app"));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Path jar = Files.copy(GatewayJar.builtJar(), app.resolve("gateway.jar"));
        Files.writeString(app.resolve("gateway.yml"), "gateway.models.aliases.from-gateway-yml: qwen3-coder-flash\n");
        Map<String, String> environment = new HashMap<>(launcherEnvironment());
        environment.put("QWEN_GATEWAY_JAR", jar.toString());
        environment.put("QWEN_HOME", temp.resolve("no-credentials").toString());
        environment.put("API_KEY", "client-key");
        run(environment, "--version"); // the cache is built before the server starts
        int port = GatewayJar.freePort();

        try (GatewayJar gateway = GatewayJar.startCommand(List.of(LAUNCHER.toString(), "--server.address=127.0.0.1",
                "--server.port=" + port), elsewhere, environment)) {
            GatewayClient client = new GatewayClient("http://127.0.0.1:" + port);
            gateway.awaitHealthy(client.baseUrl());

            HttpResponse<String> model = client.send(client.request("/v1/models/from-gateway-yml")
                    .header("Authorization", "Bearer client-key").GET().build());
            assertThat(model.statusCode()).as(model.body()).isEqualTo(200);
            assertThat(GatewayClient.parse(model.body()).path("id").asString()).isEqualTo("qwen3-coder-flash");
            assertThat(gateway.output()).contains("Reading settings beside the jar: " + app.resolve("gateway.yml"))
                    .doesNotContain(PREPARING);
        }
    }

    @Test
    void theGatewayLoadsSqlitesNativeLibraryFromTheCacheAndExtractsNothingAtStart() throws Exception {
        Path tmp = Files.createDirectories(temp.resolve("tmp"));
        Map<String, String> environment = new HashMap<>(launcherEnvironment());
        environment.put("QWEN_HOME", temp.resolve("no-credentials").toString());
        environment.put("JAVA_OPTS", "-Djava.io.tmpdir=" + tmp);
        run(environment, "--version"); // the cache is built before the server starts
        int port = GatewayJar.freePort();

        try (GatewayJar gateway = GatewayJar.startCommand(List.of(LAUNCHER.toString(), "--server.address=127.0.0.1",
                "--server.port=" + port), temp, environment)) {
            gateway.awaitHealthy("http://127.0.0.1:" + port);

            // The usage store opened its SQLite file at the start, with the library mapped from the cache entry.
            List<String> sqliteMappings = Files.readAllLines(Path.of("/proc", Long.toString(gateway.pid()), "maps"))
                    .stream().filter(line -> line.contains("sqlitejdbc")).toList();
            assertThat(sqliteMappings).as(gateway.output()).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains(sharedCache.toString()).contains("/app/native/"));
            try (Stream<Path> files = Files.list(tmp)) {
                assertThat(files.map(Path::getFileName).map(Path::toString))
                        .noneMatch(name -> name.contains("sqlite"));
            }
        }
    }

    /** The JVM's class cache in a cache entry: an AOT cache on Java 25+, a dynamic CDS archive before. */
    private static Path classCacheIn(Path entry) {
        return entry.resolve(Runtime.version().feature() >= 25 ? "app/gateway.aot" : "app/gateway.jsa");
    }

    /** The JVM's log of the class cache it opens. */
    private static String cacheLog() {
        return Runtime.version().feature() >= 25 ? "-Xlog:aot=info" : "-Xlog:cds=info";
    }

    private static List<Path> entries(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.sorted().toList();
        }
    }

    private static Map<String, String> launcherEnvironment() {
        return Map.of("JAVA_HOME", System.getProperty("java.home"),
                "QWEN_GATEWAY_JAR", GatewayJar.builtJar().toString(),
                "QWEN_GATEWAY_CACHE", sharedCache.toString());
    }

    /** The launcher with the JDK of this test and the jar that package built; its output, once it has exited 0. */
    /** On Java {@code feature} and later the output has {@code setting}; before, nothing that names it. */
    private static void assertSetFromJava(int feature, String output, String setting, String name, String why) {
        if (Runtime.version().feature() >= feature) {
            assertThat(output).contains(setting);
        } else {
            assertThat(output).as(why).doesNotContain(name);
        }
    }

    private static String run(Map<String, String> environment, String... args) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString()).redirectErrorStream(true);
        builder.command().addAll(List.of(args));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("QWEN_GATEWAY_JVM_OPTS");
        builder.environment().putAll(launcherEnvironment());
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // The first launch of a cache includes its training start.
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}

package io.qwengateway.simulator;

import com.sun.net.httpserver.HttpServer;
import io.qwengateway.simulator.admin.AdminEndpoints;
import io.qwengateway.simulator.admin.OAuthAdminEndpoints;
import io.qwengateway.simulator.chat.BehaviourQueue;
import io.qwengateway.simulator.chat.ChatCompletionsEndpoint;
import io.qwengateway.simulator.support.Stalls;
import io.qwengateway.simulator.chat.StreamStats;
import io.qwengateway.simulator.embeddings.EmbeddingsEndpoint;
import io.qwengateway.simulator.http.RequestRecorder;
import io.qwengateway.simulator.http.Router;
import io.qwengateway.simulator.oauth.AccessGate;
import io.qwengateway.simulator.oauth.AuthorizePage;
import io.qwengateway.simulator.oauth.DeviceAuthorizations;
import io.qwengateway.simulator.oauth.OAuthEndpoints;
import io.qwengateway.simulator.oauth.OAuthSettings;
import io.qwengateway.simulator.oauth.RefreshScript;
import io.qwengateway.simulator.oauth.TokenRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running simulator of the Qwen upstream: the OAuth device login of chat.qwen.ai and the OpenAI-compatible model
 * API, on one local HTTP port. Start one per test class (or per test), program it, point the client at
 * {@link #baseUrl()}, and close it.
 *
 * <pre>{@code
 * try (QwenSimulator sim = QwenSimulator.start()) {
 *     SimulatedCredentials credentials = sim.oauth().issueCredentials();
 *     sim.enqueueChat(ChatBehaviour.throttled429(2), ChatBehaviour.ok());
 *     // ... drive the client against sim.baseUrl() ...
 *     assertEquals(2, sim.recordedRequests("/v1/chat/completions").size());
 * }
 * }</pre>
 *
 * Everything here is thread-safe: the HTTP side runs on its own threads, one per connection.
 */
public final class QwenSimulator implements AutoCloseable {

    /** Room for bursts of new connections, such as a benchmark opening hundreds of streams at once. */
    private static final int ACCEPT_BACKLOG = 1024;

    private final SimulatorOptions options;
    private final HttpServer server;
    private final ExecutorService handlerThreads;
    private final String baseUrl;
    private final RequestRecorder recorder;
    private final TokenRegistry tokens;
    private final DeviceAuthorizations devices;
    private final RefreshScript refreshScript;
    private final AccessGate gate;
    private final SimulatedOAuth oauth;
    private final BehaviourQueue behaviours = new BehaviourQueue();
    private final StreamStats streams = new StreamStats();
    private final Stalls stalls = new Stalls();
    private final AtomicReference<ResponseShape> responseShape;
    private final ChatCompletionsEndpoint chat;
    private final AtomicBoolean closed = new AtomicBoolean();

    private QwenSimulator(SimulatorOptions options) throws IOException {
        preferImmediateWrites();
        this.options = options;
        this.server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), ACCEPT_BACKLOG);
        this.baseUrl = "http://" + urlHost(options.host()) + ":" + server.getAddress().getPort();
        String resourceUrl = options.resourceUrl() == null ? baseUrl : options.resourceUrl();

        Clock clock = Clock.systemUTC();
        this.recorder = new RequestRecorder(options.maxRecordedRequests());
        this.tokens = new TokenRegistry(clock);
        this.devices = new DeviceAuthorizations(options.deviceCodeTtl(), clock);
        this.refreshScript = new RefreshScript();
        this.gate = new AccessGate(tokens);
        this.oauth = new SimulatedOAuth(tokens, devices, refreshScript, gate, options.accessTokenTtl(), resourceUrl);
        this.responseShape = new AtomicReference<>(options.responseShape());
        this.chat = new ChatCompletionsEndpoint(gate, behaviours, responseShape::get, streams, stalls);
        gate.reset(options.apiKeys(), options.acceptAnyBearer());

        Router router = new Router(recorder);
        OAuthSettings oauthSettings = new OAuthSettings(options.clientId(), options.accessTokenTtl(), baseUrl,
                resourceUrl);
        new OAuthEndpoints(oauthSettings, devices, tokens, refreshScript).registerOn(router);
        new AuthorizePage(devices).registerOn(router);
        chat.registerOn(router);
        new EmbeddingsEndpoint(gate).registerOn(router);
        // Safe to hand out 'this' here: routes run only once the server starts, below, with every field set.
        new AdminEndpoints(this).registerOn(router);
        new OAuthAdminEndpoints(oauth).registerOn(router);

        this.handlerThreads = Executors.newCachedThreadPool(daemonThreadsNamed("qwen-simulator-"));
        server.createContext("/", router);
        server.setExecutor(handlerThreads);
        server.start();
    }

    /** Starts on 127.0.0.1, on a free port, with {@link SimulatorOptions#defaults()}. */
    public static QwenSimulator start() {
        return start(SimulatorOptions.defaults());
    }

    public static QwenSimulator start(SimulatorOptions options) {
        try {
            return new QwenSimulator(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Qwen simulator on " + options.host() + ":"
                    + options.port(), e);
        }
    }

    /** Like {@code http://127.0.0.1:41234}, without a trailing slash; the model API is under {@code /v1}. */
    public String baseUrl() {
        return baseUrl;
    }

    public SimulatorOptions options() {
        return options;
    }

    /** Stops at once: open streams are cut, sleeping handlers are interrupted. Closing twice is harmless. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stalls.dropAll();
            server.stop(0);
            handlerThreads.shutdownNow();
        }
    }

    /**
     * Forgets everything tests did: queued behaviours, recordings, counters, tokens, logins, refresh script; and
     * returns the configuration to the start-up options. Streams in flight keep running, apart from stalled requests,
     * whose connections are cut (they would otherwise write into the next test).
     */
    public void reset() {
        stalls.dropAll();
        behaviours.clear();
        recorder.clear();
        chat.resetRequestCount();
        streams.resetCancelled();
        tokens.clear();
        devices.clear();
        refreshScript.clear();
        gate.reset(options.apiKeys(), options.acceptAnyBearer());
        responseShape.set(options.responseShape());
    }

    // ---- model API ---------------------------------------------------------------------------------------------

    /** Queues behaviours for the next chat requests, one each, in order; with none queued, answers are normal. */
    public void enqueueChat(ChatBehaviour... chatBehaviours) {
        behaviours.addAll(List.of(chatBehaviours));
    }

    public int pendingChatBehaviours() {
        return behaviours.size();
    }

    /** Chat requests received, refused ones (401, 400) included. */
    public int chatRequestCount() {
        return chat.requestCount();
    }

    public ResponseShape responseShape() {
        return responseShape.get();
    }

    /** Changes how normal answers are chunked and paced, from the next request on. */
    public void setResponseShape(ResponseShape shape) {
        responseShape.set(shape);
    }

    /** Accepts a DashScope-style static API key as a bearer token, alongside issued access tokens. */
    public void acceptApiKey(String apiKey) {
        gate.acceptApiKey(apiKey);
    }

    public Set<String> acceptedApiKeys() {
        return gate.apiKeys();
    }

    /** Turns the model API's token check off (on) for benchmarks and manual trials. */
    public void setAcceptAnyBearer(boolean accept) {
        gate.setAcceptAnyBearer(accept);
    }

    public boolean acceptsAnyBearer() {
        return gate.acceptsAnyBearer();
    }

    // ---- observations ------------------------------------------------------------------------------------------

    /** Every request received except admin calls, oldest first (the most recent ones, if there were very many). */
    public List<RecordedRequest> recordedRequests() {
        return recorder.all();
    }

    /** The recorded requests to one path, such as {@code /v1/chat/completions}. */
    public List<RecordedRequest> recordedRequests(String path) {
        return recorder.withPath(path);
    }

    /** Streams whose client went away (a write failed) before the stream was finished. */
    public int cancelledStreams() {
        return streams.cancelled();
    }

    /** Waits until at least {@code count} streams were cancelled; false if that did not happen in time. */
    public boolean awaitCancelledStreams(int count, Duration timeout) {
        try {
            return streams.awaitCancelled(count, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return streams.cancelled() >= count;
        }
    }

    /** Streams being written right now. */
    public int activeStreams() {
        return streams.active();
    }

    /** Requests held by {@link ChatBehaviour#stallBeforeResponse()} or {@link ChatBehaviour#stallMidStream(int)}. */
    public int stalledRequests() {
        return stalls.held();
    }

    /** Waits until at least {@code count} requests are held; false if that did not happen in time. */
    public boolean awaitStalledRequests(int count, Duration timeout) {
        try {
            return stalls.awaitHeld(count, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stalls.held() >= count;
        }
    }

    /** Lets every held request go on where it stopped, as a frozen process does when it is continued. */
    public void thawStalledRequests() {
        stalls.thawAll();
    }

    // ---- OAuth side --------------------------------------------------------------------------------------------

    public SimulatedOAuth oauth() {
        return oauth;
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    /**
     * The JDK server leaves Nagle's algorithm on by default, which holds small SSE events back for tens of
     * milliseconds and distorts benchmarks. The property is read once per JVM, so set it before the first server
     * starts, and only if nobody chose otherwise.
     */
    private static void preferImmediateWrites() {
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
    }

    private static String urlHost(String host) {
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Daemon threads, so that a test that forgets {@link #close()} does not keep its JVM alive. */
    private static ThreadFactory daemonThreadsNamed(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

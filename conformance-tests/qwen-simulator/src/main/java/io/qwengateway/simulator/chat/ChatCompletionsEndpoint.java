package io.qwengateway.simulator.chat;

import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.simulator.ResponseShape;
import io.qwengateway.simulator.http.ConnectionAbort;
import io.qwengateway.simulator.http.OpenAiError;
import io.qwengateway.simulator.http.Router;
import io.qwengateway.simulator.http.SimExchange;
import io.qwengateway.simulator.oauth.AccessGate;
import io.qwengateway.simulator.support.Delays;
import io.qwengateway.simulator.support.Stalls;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@code POST /v1/chat/completions}: checks the bearer token and the body, takes the next queued behaviour, and
 * answers with it, streaming or not as the request asked.
 */
public final class ChatCompletionsEndpoint {

    public static final String PATH = "/v1/chat/completions";
    /** The same endpoint under DashScope's base path, for gateways configured with a DashScope-style URL. */
    public static final String DASHSCOPE_PATH = "/compatible-mode/v1/chat/completions";

    private final AccessGate gate;
    private final BehaviourQueue behaviours;
    private final Supplier<ResponseShape> shape;
    private final ResponseComposer composer = new ResponseComposer();
    private final PlainResponder plain = new PlainResponder();
    private final StreamingResponder streaming;
    private final Stalls stalls;
    private final AtomicInteger requests = new AtomicInteger();

    public ChatCompletionsEndpoint(AccessGate gate, BehaviourQueue behaviours, Supplier<ResponseShape> shape,
                                   StreamStats streams, Stalls stalls) {
        this.gate = gate;
        this.behaviours = behaviours;
        this.shape = shape;
        this.stalls = stalls;
        this.streaming = new StreamingResponder(streams, stalls);
    }

    public void registerOn(Router router) {
        router.add("POST", PATH, this::handle);
        router.add("POST", DASHSCOPE_PATH, this::handle);
    }

    /** Chat requests received, including those refused. */
    public int requestCount() {
        return requests.get();
    }

    public void resetRequestCount() {
        requests.set(0);
    }

    private void handle(SimExchange exchange) throws IOException {
        requests.incrementAndGet();
        if (!gate.admits(exchange.header("authorization"))) {
            exchange.respondJson(401, OpenAiError.INVALID_ACCESS_TOKEN);
            return;
        }
        ChatRequest request;
        try {
            request = ChatRequest.parse(exchange.body());
        } catch (InvalidChatRequest invalid) {
            exchange.respondJson(400, OpenAiError.invalidRequest(invalid.getMessage()));
            return;
        }
        // Taken only now: a request refused above must not use up the behaviour meant for its retry.
        ChatBehaviour behaviour = behaviours.next();
        ResponseShape currentShape = shape.get();
        Delays.pause(currentShape.headerDelay());
        switch (behaviour.kind()) {
            case STATUS -> exchange.respond(behaviour.status(), contentTypeOf(behaviour.body()), behaviour.body(),
                    behaviour.headers());
            case RESET_BEFORE_RESPONSE -> throw new ConnectionAbort("connection reset before the response, as queued");
            case DELAY_HEADERS -> {
                Delays.pause(behaviour.delay());
                answer(exchange, request, behaviour, currentShape);
            }
            case STALL_BEFORE_RESPONSE -> {
                holdOrDrop();
                answer(exchange, request, behaviour, currentShape);
            }
            case STALL_MID_STREAM -> {
                if (!request.stream()) {
                    holdOrDrop(); // a plain answer has no middle: held before it
                }
                answer(exchange, request, behaviour, currentShape);
            }
            default -> answer(exchange, request, behaviour, currentShape);
        }
    }

    private void answer(SimExchange exchange, ChatRequest request, ChatBehaviour behaviour, ResponseShape currentShape)
            throws IOException {
        ChatReply reply = composer.compose(request, behaviour);
        if (request.stream()) {
            streaming.respond(exchange, request, reply, behaviour, currentShape);
        } else {
            plain.respond(exchange, request, reply, behaviour);
        }
    }

    private void holdOrDrop() {
        if (!stalls.hold()) {
            throw new ConnectionAbort("held request dropped");
        }
    }

    /** Error bodies come as JSON, as a gateway's HTML page, or as bare text ("stream timeout"). */
    private static String contentTypeOf(String body) {
        String start = body.stripLeading();
        if (start.startsWith("{") || start.startsWith("[")) {
            return SimExchange.JSON;
        }
        return start.startsWith("<") ? SimExchange.HTML : SimExchange.TEXT;
    }
}

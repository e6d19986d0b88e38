package io.qwengateway.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one handler behind the server: records the request, finds the route for its method and path, and answers
 * JSON for everything unexpected (unknown path, wrong method, a bug in a route) so clients never get an HTML page
 * they did not ask for.
 */
public final class Router implements HttpHandler {

    /** Requests under this prefix drive the simulator; they are not traffic under test, so they are not recorded. */
    public static final String ADMIN_PREFIX = "/__sim/";

    @FunctionalInterface
    public interface Route {
        void handle(SimExchange exchange) throws IOException;
    }

    private final Map<String, Map<String, Route>> routesByPath = new ConcurrentHashMap<>();
    private final RequestRecorder recorder;

    public Router(RequestRecorder recorder) {
        this.recorder = recorder;
    }

    public Router add(String method, String path, Route route) {
        routesByPath.computeIfAbsent(path, any -> new ConcurrentHashMap<>()).put(method, route);
        return this;
    }

    @Override
    public void handle(HttpExchange httpExchange) throws IOException {
        SimExchange exchange = SimExchange.read(httpExchange);
        if (!exchange.path().startsWith(ADMIN_PREFIX)) {
            recorder.record(exchange.toRecordedRequest());
        }
        Map<String, Route> routesByMethod = routesByPath.get(exchange.path());
        if (routesByMethod == null) {
            exchange.respondJson(404, OpenAiError.notFound(exchange.method(), exchange.path()));
            return;
        }
        Route route = routesByMethod.get(exchange.method());
        if (route == null) {
            exchange.respondJson(405, OpenAiError.invalidRequest(
                    "Method " + exchange.method() + " is not allowed on " + exchange.path()));
            return;
        }
        try {
            route.handle(exchange);
        } catch (ConnectionAbort | IOException deliberateOrClientGone) {
            throw deliberateOrClientGone;
        } catch (RuntimeException bug) {
            answerBug(exchange, bug);
        }
    }

    private static void answerBug(SimExchange exchange, RuntimeException bug) throws IOException {
        System.err.println("qwen-simulator: " + exchange.method() + " " + exchange.path() + " failed: " + bug);
        bug.printStackTrace();
        // Works only if the route had not started its response yet; otherwise the JDK server drops the connection.
        exchange.respondJson(500, OpenAiError.body("Simulator error: " + bug, "server_error", null, null));
    }
}

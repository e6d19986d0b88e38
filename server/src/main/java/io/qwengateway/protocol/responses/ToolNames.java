package io.qwengateway.protocol.responses;

import java.util.HashMap;
import java.util.Map;

/**
 * The names under which the client's tools go upstream, and back. Chat Completions knows only flat function names,
 * so a function inside a {@code namespace} tool goes up as {@code namespace__name} (made unique if that collides), and
 * a {@code custom} (free-form) tool as a function taking one string argument. Calls coming back are mapped to the
 * client's own name, namespace and kind.
 */
public final class ToolNames {

    static final String SEPARATOR = "__";

    /** How a tool was declared by the client. */
    public enum Kind { FUNCTION, CUSTOM }

    /**
     * @param name      the tool's name as the client declared it
     * @param namespace its namespace, or null
     * @param kind      function or custom (free-form input)
     */
    public record Tool(String name, String namespace, Kind kind) {
    }

    private final Map<String, Tool> byUpstreamName = new HashMap<>();
    private final Map<String, String> upstreamNameByClientKey = new HashMap<>();

    /** Registers a tool and returns the name it goes upstream with. */
    String register(String name, String namespace, Kind kind) {
        String key = key(namespace, name);
        String existing = upstreamNameByClientKey.get(key);
        if (existing != null) {
            return existing;
        }
        String base = namespace == null ? name : namespace + SEPARATOR + name;
        String upstream = base;
        for (int n = 2; byUpstreamName.containsKey(upstream); n++) {
            upstream = base + "_" + n;
        }
        byUpstreamName.put(upstream, new Tool(name, namespace, kind));
        upstreamNameByClientKey.put(key, upstream);
        return upstream;
    }

    /** The upstream name for a call the client sends back in its history; unknown tools keep a flattened name. */
    String upstreamName(String name, String namespace) {
        String known = upstreamNameByClientKey.get(key(namespace, name));
        if (known != null) {
            return known;
        }
        return namespace == null || namespace.isEmpty() ? name : namespace + SEPARATOR + name;
    }

    /** The client's view of a tool the model called; a name the client never declared stays a plain function. */
    public Tool clientTool(String upstreamName) {
        Tool tool = upstreamName == null ? null : byUpstreamName.get(upstreamName);
        return tool != null ? tool : new Tool(upstreamName, null, Kind.FUNCTION);
    }

    private static String key(String namespace, String name) {
        return (namespace == null ? "" : namespace) + "\u0000" + name;
    }
}

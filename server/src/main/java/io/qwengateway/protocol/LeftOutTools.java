package io.qwengateway.protocol;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Built-in (server) tools the clients declare that Qwen's model API cannot run (web search, code execution,
 * computers...): they are left out of the upstream request, never failing it, and each kind is logged once per
 * protocol rather than on every turn of a client that always sends them.
 */
public final class LeftOutTools {

    private static final Logger log = LoggerFactory.getLogger(LeftOutTools.class);
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private LeftOutTools() {
    }

    public static void leftOut(String protocol, String kind) {
        if (REPORTED.add(protocol + "/" + kind)) {
            log.info("Left out the {} tool '{}': Qwen's model API cannot run built-in tools (logged once)", protocol,
                    kind);
        }
    }
}

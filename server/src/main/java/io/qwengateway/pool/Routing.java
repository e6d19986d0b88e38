package io.qwengateway.pool;

/**
 * What the pool needs to know of a request to choose its upstream.
 *
 * @param model       the upstream model name (aliases resolved), or null when any upstream may serve
 * @param affinityKey requests with the same key go to the same upstream while it is healthy (Qwen's context cache
 *                    keeps hitting there); null for none
 * @param pinned      the upstream the client asked for by name ({@code X-Qwen-Upstream}); null for none
 */
public record Routing(String model, String affinityKey, String pinned) {

    /** The header a client pins its request to an upstream with. */
    public static final String PIN_HEADER = "X-Qwen-Upstream";

    /** Any upstream, no affinity, no pin. */
    public static final Routing ANY = new Routing(null, null, null);

    public static Routing forModel(String model) {
        return new Routing(model, null, null);
    }
}

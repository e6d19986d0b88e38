package io.qwengateway.pool;

/**
 * Which upstream a request tries first, among those that can serve it; the failovers follow in the pool's order
 * from there. Session affinity and pinning come before the strategy.
 */
public enum RoutingStrategy {

    /** Each request starts one upstream further (default): the load spreads evenly. */
    ROUND_ROBIN {
        @Override
        int first(PoolMember[] candidates, int count, long ticket) {
            return (int) Math.floorMod(ticket, (long) count);
        }
    },
    /** Like round-robin, an upstream with weight 3 getting three requests for each of a weight-1 one. */
    WEIGHTED {
        @Override
        int first(PoolMember[] candidates, int count, long ticket) {
            long total = 0;
            for (int i = 0; i < count; i++) {
                total += candidates[i].weight();
            }
            long position = Math.floorMod(ticket, total);
            for (int i = 0; i < count; i++) {
                position -= candidates[i].weight();
                if (position < 0) {
                    return i;
                }
            }
            return 0;
        }
    },
    /** Always the first upstream in the configured order that can serve; the next only when it cannot. */
    FILL_FIRST {
        @Override
        int first(PoolMember[] candidates, int count, long ticket) {
            return 0;
        }
    };

    /**
     * The position among {@code candidates[0..count)} (in pool order) to start from.
     *
     * @param ticket a number that grows by one per request
     */
    abstract int first(PoolMember[] candidates, int count, long ticket);
}

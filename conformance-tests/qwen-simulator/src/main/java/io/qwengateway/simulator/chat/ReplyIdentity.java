package io.qwengateway.simulator.chat;

import io.qwengateway.simulator.support.RandomIds;

import java.time.Instant;

/** The fields every chunk of one answer repeats unchanged: {@code id}, {@code created} and {@code model}. */
record ReplyIdentity(String id, long created, String model) {

    static ReplyIdentity forModel(String model) {
        return new ReplyIdentity("chatcmpl-" + RandomIds.hex(16), Instant.now().getEpochSecond(), model);
    }
}

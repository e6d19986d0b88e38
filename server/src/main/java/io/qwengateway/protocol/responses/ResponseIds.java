package io.qwengateway.protocol.responses;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids in OpenAI's shapes: {@code resp_}, {@code msg_}, {@code fc_}, {@code rs_} and a hex tail. A response id is a
 * capability (whoever knows it can read a stored response), so it comes from a SecureRandom, one per thread so that
 * concurrent streams do not queue on one generator's lock. Item ids only need to be unique within a conversation.
 */
final class ResponseIds {

    private static final ThreadLocal<SecureRandom> SECURE = ThreadLocal.withInitial(SecureRandom::new);
    private static final HexFormat HEX = HexFormat.of();

    private ResponseIds() {
    }

    static String response() {
        byte[] bytes = new byte[24];
        SECURE.get().nextBytes(bytes);
        return "resp_" + HEX.formatHex(bytes);
    }

    static String item(String prefix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return prefix + "_" + HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
    }
}

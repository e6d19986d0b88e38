package io.qwengateway.streaming;

import java.util.Arrays;

import io.qwengateway.protocol.RawChunk;

/**
 * The relay's fast path decides here, in one pass over the bytes and without building a tree, whether an upstream
 * chunk can go on as the upstream sent it: a chunk with choices, none with a finish reason or tool calls, no
 * {@code error} key, a {@code usage} that is absent or null, and written exactly as the gateway's Jackson writes the
 * parsed chunk (compact; strings escaped as Jackson escapes them, valid UTF-8; integers only; no duplicate keys;
 * nothing after the object). Everything else, any doubt included, takes the tree path, which gives the same bytes
 * for what this accepts ({@code ChunkScanTest} compares the two).
 *
 * <p>Reports each choice's index and whether its content or reasoning text is non-empty, which the cumulative-delta
 * repair must see.
 */
final class ChunkScan {

    /** Larger chunks take the tree path: no reason to come near Jackson's own limits here. */
    private static final int MAX_LENGTH = 1 << 20;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_DIGITS = 100;
    private static final byte[] ERROR = key("error");
    private static final byte[] USAGE = key("usage");
    private static final byte[] CHOICES = key("choices");
    private static final byte[] INDEX = key("index");
    private static final byte[] DELTA = key("delta");
    private static final byte[] FINISH_REASON = key("finish_reason");
    private static final byte[] CONTENT = key("content");
    private static final byte[] REASONING = key("reasoning_content");
    private static final byte[] TOOL_CALLS = key("tool_calls");

    private final byte[] json;
    private int at;
    private int usageStart = -1;
    private int usageEnd = -1;
    private int choices;
    private int[] indexes = new int[1];
    /** Per choice: bit 0 non-empty content, bit 1 non-empty reasoning. */
    private byte[] texts = new byte[1];

    private ChunkScan(byte[] json) {
        this.json = json;
    }

    /** The scanned chunk, or null when it must take the tree path. {@code json} is the whole, trimmed data. */
    static ChunkScan of(byte[] json) {
        if (json.length > MAX_LENGTH || json.length < 2 || json[0] != '{') {
            return null;
        }
        ChunkScan scan = new ChunkScan(json);
        try {
            return scan.topLevel() && scan.at == json.length && scan.choices > 0 ? scan : null;
        } catch (Reject | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    RawChunk chunk() {
        return new RawChunk(json, usageStart, usageEnd);
    }

    int choices() {
        return choices;
    }

    int index(int choice) {
        return indexes[choice];
    }

    boolean hasContent(int choice) {
        return (texts[choice] & 1) != 0;
    }

    boolean hasReasoning(int choice) {
        return (texts[choice] & 2) != 0;
    }

    /** The top-level object. */
    private boolean topLevel() {
        at++; // {
        int[] keys = new int[16];
        int count = 0;
        if (json[at] == '}') {
            at++;
            return true;
        }
        while (true) {
            int keyStart = at;
            string();
            keys = remember(keys, count++, keyStart);
            expect(':');
            if (isKey(keyStart, ERROR)) {
                throw Reject.INSTANCE;
            } else if (isKey(keyStart, USAGE)) {
                literal("null");
                // The member and one comma: the one before it, or the one after when it comes first.
                boolean first = count == 1;
                usageStart = first ? keyStart : keyStart - 1;
                usageEnd = first && json[at] == ',' ? at + 1 : at;
            } else if (isKey(keyStart, CHOICES)) {
                choiceArray();
            } else {
                value(1);
            }
            if (json[at] == ',') {
                at++;
                continue;
            }
            expect('}');
            checkUnique(keys, count);
            return true;
        }
    }

    private void choiceArray() {
        expect('[');
        if (json[at] == ']') {
            throw Reject.INSTANCE; // the usage chunk: a protocol decides what happens to it
        }
        while (true) {
            choice();
            if (json[at] == ',') {
                at++;
                continue;
            }
            expect(']');
            return;
        }
    }

    private void choice() {
        expect('{');
        int[] keys = new int[8];
        int count = 0;
        int index = 0;
        byte text = 0;
        if (json[at] != '}') {
            while (true) {
                int keyStart = at;
                string();
                keys = remember(keys, count++, keyStart);
                expect(':');
                if (isKey(keyStart, INDEX)) {
                    index = smallInteger();
                } else if (isKey(keyStart, DELTA)) {
                    text = delta();
                } else if (isKey(keyStart, FINISH_REASON)) {
                    literal("null");
                } else {
                    value(3);
                }
                if (json[at] == ',') {
                    at++;
                    continue;
                }
                break;
            }
        }
        expect('}');
        checkUnique(keys, count);
        if (choices == indexes.length) {
            indexes = Arrays.copyOf(indexes, choices * 2);
            texts = Arrays.copyOf(texts, choices * 2);
        }
        indexes[choices] = index;
        texts[choices] = text;
        choices++;
    }

    /** A delta without tool calls; its text fields must be strings. */
    private byte delta() {
        expect('{');
        int[] keys = new int[8];
        int count = 0;
        byte text = 0;
        if (json[at] != '}') {
            while (true) {
                int keyStart = at;
                string();
                keys = remember(keys, count++, keyStart);
                expect(':');
                if (isKey(keyStart, TOOL_CALLS)) {
                    throw Reject.INSTANCE;
                } else if (isKey(keyStart, CONTENT) || isKey(keyStart, REASONING)) {
                    byte bit = (byte) (isKey(keyStart, CONTENT) ? 1 : 2);
                    if (json[at] != '"') {
                        throw Reject.INSTANCE;
                    }
                    int start = at;
                    string();
                    if (at - start > 2) {
                        text |= bit;
                    }
                } else {
                    value(4);
                }
                if (json[at] == ',') {
                    at++;
                    continue;
                }
                break;
            }
        }
        expect('}');
        checkUnique(keys, count);
        return text;
    }

    /** Any JSON value in Jackson's compact form. */
    private void value(int depth) {
        if (depth > MAX_DEPTH) {
            throw Reject.INSTANCE;
        }
        byte b = json[at];
        switch (b) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> integer();
        }
    }

    private void object(int depth) {
        at++;
        if (json[at] == '}') {
            at++;
            return;
        }
        int[] keys = new int[8];
        int count = 0;
        while (true) {
            int keyStart = at;
            string();
            keys = remember(keys, count++, keyStart);
            expect(':');
            value(depth + 1);
            if (json[at] == ',') {
                at++;
                continue;
            }
            expect('}');
            checkUnique(keys, count);
            return;
        }
    }

    private void array(int depth) {
        at++;
        if (json[at] == ']') {
            at++;
            return;
        }
        while (true) {
            value(depth + 1);
            if (json[at] == ',') {
                at++;
                continue;
            }
            expect(']');
            return;
        }
    }

    /**
     * A string as Jackson writes it: {@code \"}, {@code \\}, {@code \b \t \n \f \r} and {@code \\u00XX} (upper-case
     * hex) for the other control characters are the only escapes; everything else is raw, valid UTF-8.
     */
    private void string() {
        if (json[at] != '"') {
            throw Reject.INSTANCE;
        }
        at++;
        while (true) {
            int b = json[at] & 0xFF;
            if (b == '"') {
                at++;
                return;
            }
            if (b == '\\') {
                escape();
            } else if (b < 0x20) {
                throw Reject.INSTANCE;
            } else if (b < 0x80) {
                at++;
            } else {
                utf8(b);
            }
        }
    }

    private void escape() {
        byte next = json[at + 1];
        switch (next) {
            case '"', '\\', 'b', 't', 'n', 'f', 'r' -> at += 2;
            case 'u' -> {
                if (json[at + 2] != '0' || json[at + 3] != '0' || (json[at + 4] != '0' && json[at + 4] != '1')) {
                    throw Reject.INSTANCE;
                }
                int low = hex(json[at + 5]);
                int code = (json[at + 4] - '0') * 16 + low;
                if (code == 0x08 || code == 0x09 || code == 0x0A || code == 0x0C || code == 0x0D) {
                    throw Reject.INSTANCE; // Jackson writes these short
                }
                at += 6;
            }
            default -> throw Reject.INSTANCE; // \/ and the like: Jackson would not write them
        }
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        throw Reject.INSTANCE;
    }

    /** One well-formed UTF-8 sequence (what Java's decoder takes without a replacement character). */
    private void utf8(int lead) {
        int length;
        int min = 0x80;
        int max = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) {
                min = 0xA0;
            } else if (lead == 0xED) {
                max = 0x9F; // no surrogates
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) {
                min = 0x90;
            } else if (lead == 0xF4) {
                max = 0x8F;
            }
        } else {
            throw Reject.INSTANCE;
        }
        int second = json[at + 1] & 0xFF;
        if (second < min || second > max) {
            throw Reject.INSTANCE;
        }
        for (int i = 2; i < length; i++) {
            int continuation = json[at + i] & 0xFF;
            if (continuation < 0x80 || continuation > 0xBF) {
                throw Reject.INSTANCE;
            }
        }
        at += length;
    }

    /** An integer without a sign on zero, leading zeros, fraction or exponent (floats may be written back otherwise). */
    private void integer() {
        int start = at;
        if (json[at] == '-') {
            at++;
        }
        int digits = at;
        if (json[at] == '0') {
            at++;
            if (at - start > 1) {
                throw Reject.INSTANCE; // -0 comes back as 0
            }
        } else if (json[at] >= '1' && json[at] <= '9') {
            while (json[at] >= '0' && json[at] <= '9') {
                at++;
            }
        } else {
            throw Reject.INSTANCE;
        }
        byte after = json[at];
        if (after == '.' || after == 'e' || after == 'E' || (after >= '0' && after <= '9')
                || at - digits > MAX_DIGITS) {
            throw Reject.INSTANCE;
        }
    }

    /** A choice's index: a non-negative int. */
    private int smallInteger() {
        int start = at;
        integer();
        if (json[start] == '-' || at - start > 9) {
            throw Reject.INSTANCE;
        }
        int value = 0;
        for (int i = start; i < at; i++) {
            value = value * 10 + (json[i] - '0');
        }
        return value;
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (json[at + i] != word.charAt(i)) {
                throw Reject.INSTANCE;
            }
        }
        at += word.length();
    }

    private void expect(char c) {
        if (json[at] != c) {
            throw Reject.INSTANCE;
        }
        at++;
    }

    private boolean isKey(int keyStart, byte[] quoted) {
        return at - 1 - keyStart == quoted.length
                && Arrays.equals(json, keyStart, keyStart + quoted.length, quoted, 0, quoted.length);
    }

    private static int[] remember(int[] keys, int count, int keyStart) {
        int[] into = count == keys.length ? Arrays.copyOf(keys, count * 2) : keys;
        into[count] = keyStart;
        return into;
    }

    /** Jackson keeps the last of duplicate keys, in the first one's place: such a chunk would come back changed. */
    private void checkUnique(int[] keys, int count) {
        for (int i = 1; i < count; i++) {
            int length = keyLength(keys[i]);
            for (int j = 0; j < i; j++) {
                if (keyLength(keys[j]) == length
                        && Arrays.equals(json, keys[i], keys[i] + length, json, keys[j], keys[j] + length)) {
                    throw Reject.INSTANCE;
                }
            }
        }
    }

    /** The length of the quoted key that starts there, quotes included (keys end at the first unescaped quote). */
    private int keyLength(int keyStart) {
        int i = keyStart + 1;
        while (json[i] != '"') {
            i += json[i] == '\\' ? 2 : 1;
        }
        return i + 1 - keyStart;
    }

    private static byte[] key(String name) {
        return ("\"" + name + "\"").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Not for the fast path; thrown without a stack trace. */
    private static final class Reject extends RuntimeException {
        static final Reject INSTANCE = new Reject();

        private Reject() {
            super(null, null, false, false);
        }
    }
}

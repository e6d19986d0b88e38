package io.qwengateway.streaming;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.qwengateway.protocol.RawChunk;
import tools.jackson.databind.ObjectMapper;

/**
 * The relay's fast path decides here, in one pass over the bytes and without building a tree, whether an upstream
 * chunk can go on as the upstream sent it: a chunk with choices, none with tool calls, each finish reason null or a
 * string, no {@code error} key, a {@code usage} that is absent or null, and written exactly as the gateway's Jackson
 * writes the parsed chunk (compact; strings escaped as Jackson escapes them, valid UTF-8; integers only; no duplicate
 * keys; nothing after the object). Everything else, any doubt included, takes the tree path, which gives the same
 * bytes for what this accepts ({@code ChunkScanTest} compares the two).
 *
 * <p>Reports each choice's index, its content and reasoning texts and its finish reason, which the repairs must see
 * (a stream's first texts tell the cumulative-delta repair how the stream is written; a finish reason may be one the
 * tool-call repair changes): the relay asks them whether they would change anything before passing the bytes on.
 * The texts are read from the bytes only when asked for.
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
    /** Per choice, the start and end of three strings: its content, its reasoning and its finish reason. */
    private static final int SPANS = 6;
    private static final int CONTENT_SPAN = 0;
    private static final int REASONING_SPAN = 2;
    private static final int FINISH_SPAN = 4;
    /** The bytes a string holds as they are: printable ASCII but the quote and the backslash. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int b = 0x20; b < 0x80; b++) {
            PLAIN[b] = b != '"' && b != '\\';
        }
    }

    private final byte[] json;
    private int at;
    private int usageStart = -1;
    private int usageEnd = -1;
    private int choices;
    private int[] indexes = new int[1];
    /**
     * Per choice, {@link #SPANS} offsets: where its content, reasoning and finish reason strings start and end (the
     * quotes included), -1 for a text that is absent or empty and for a null finish reason.
     */
    private int[] spans = new int[SPANS];
    /**
     * The keys of the objects being read, innermost last: start and length of each (quotes included). One array for
     * the whole chunk; an object's keys are dropped when it is done.
     */
    private int[] keys = new int[32];
    private int keyCount;
    /** Whether the last string {@link #string()} read had an escape. */
    private boolean escaped;
    /** Per choice, a bit for each of its spans whose string has an escape. */
    private byte[] escapes = new byte[1];
    /**
     * The texts read so far, by choice and span (made when the first is asked for): the relay asks for a text to
     * check it and again to let the repair learn from it.
     */
    private String[] texts;

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
        return spans[choice * SPANS + CONTENT_SPAN] >= 0;
    }

    boolean hasReasoning(int choice) {
        return spans[choice * SPANS + REASONING_SPAN] >= 0;
    }

    boolean hasFinishReason(int choice) {
        return spans[choice * SPANS + FINISH_SPAN] >= 0;
    }

    /** The choice's non-empty content text, or null. {@code json} reads a string with escapes. */
    String content(int choice, ObjectMapper json) {
        return text(choice, CONTENT_SPAN, json);
    }

    /** The choice's non-empty reasoning text, or null. */
    String reasoning(int choice, ObjectMapper json) {
        return text(choice, REASONING_SPAN, json);
    }

    /** The choice's finish reason, or null. */
    String finishReason(int choice, ObjectMapper json) {
        return text(choice, FINISH_SPAN, json);
    }

    private String text(int choice, int span, ObjectMapper json) {
        int start = spans[choice * SPANS + span];
        if (start < 0) {
            return null;
        }
        if (texts == null) {
            texts = new String[choices * SPANS];
        }
        String text = texts[choice * SPANS + span];
        if (text == null) {
            int end = spans[choice * SPANS + span + 1];
            // Valid UTF-8 without an escape (checked by the scan): the text is the bytes between the quotes.
            text = (escapes[choice] & (1 << span)) == 0
                    ? new String(this.json, start + 1, end - start - 2, StandardCharsets.UTF_8)
                    : json.readValue(this.json, start, end - start, String.class);
            texts[choice * SPANS + span] = text;
        }
        return text;
    }

    /** The top-level object. */
    private boolean topLevel() {
        at++; // {
        int firstKey = keyCount;
        if (json[at] == '}') {
            at++;
            return true;
        }
        while (true) {
            int keyStart = at;
            string();
            remember(keyStart);
            expect(':');
            if (isKey(keyStart, ERROR)) {
                throw Reject.INSTANCE;
            } else if (isKey(keyStart, USAGE)) {
                literal("null");
                // The member and one comma: the one before it, or the one after when it comes first.
                boolean first = keyCount - firstKey == 1;
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
            checkUnique(firstKey);
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
        int firstKey = keyCount;
        int index = 0;
        if (choices == indexes.length) {
            indexes = Arrays.copyOf(indexes, choices * 2);
            spans = Arrays.copyOf(spans, choices * 2 * SPANS);
            escapes = Arrays.copyOf(escapes, choices * 2);
        }
        int base = choices * SPANS;
        Arrays.fill(spans, base, base + SPANS, -1);
        escapes[choices] = 0;
        if (json[at] != '}') {
            while (true) {
                int keyStart = at;
                string();
                remember(keyStart);
                expect(':');
                if (isKey(keyStart, INDEX)) {
                    index = smallInteger();
                } else if (isKey(keyStart, DELTA)) {
                    delta(base);
                } else if (isKey(keyStart, FINISH_REASON)) {
                    if (json[at] == 'n') {
                        literal("null");
                    } else {
                        span(base, FINISH_SPAN, false);
                    }
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
        checkUnique(firstKey);
        indexes[choices] = index;
        choices++;
    }

    /** A delta without tool calls; its text fields must be strings. Their spans go from {@code base} on. */
    private void delta(int base) {
        expect('{');
        int firstKey = keyCount;
        if (json[at] != '}') {
            while (true) {
                int keyStart = at;
                string();
                remember(keyStart);
                expect(':');
                if (isKey(keyStart, TOOL_CALLS)) {
                    throw Reject.INSTANCE;
                } else if (isKey(keyStart, CONTENT) || isKey(keyStart, REASONING)) {
                    int span = isKey(keyStart, CONTENT) ? CONTENT_SPAN : REASONING_SPAN;
                    span(base, span, true);
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
        checkUnique(firstKey);
    }

    /**
     * A string value the relay may ask for: its start and end go to the choice's {@code span} (from {@code base}), with
     * its escape bit; an empty one is left out when {@code emptyIsAbsent}.
     */
    private void span(int base, int span, boolean emptyIsAbsent) {
        if (json[at] != '"') {
            throw Reject.INSTANCE;
        }
        int start = at;
        string();
        if (emptyIsAbsent && at - start == 2) {
            return;
        }
        spans[base + span] = start;
        spans[base + span + 1] = at;
        if (escaped) {
            escapes[choices] |= (byte) (1 << span);
        }
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
        int firstKey = keyCount;
        while (true) {
            int keyStart = at;
            string();
            remember(keyStart);
            expect(':');
            value(depth + 1);
            if (json[at] == ',') {
                at++;
                continue;
            }
            expect('}');
            checkUnique(firstKey);
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
        escaped = false;
        byte[] bytes = json;
        int i = at + 1;
        while (true) {
            // The common case, printable ASCII, one table look-up a byte; a local index, not the field, in the loop.
            while (PLAIN[bytes[i] & 0xFF]) {
                i++;
            }
            int b = bytes[i] & 0xFF;
            if (b == '"') {
                at = i + 1;
                return;
            }
            at = i;
            if (b == '\\') {
                escaped = true;
                escape();
            } else if (b < 0x20) {
                throw Reject.INSTANCE;
            } else {
                utf8(b);
            }
            i = at;
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

    /** Adds the key just read (it ends where the scan is) to those of the object being read. */
    private void remember(int keyStart) {
        if (2 * keyCount + 1 >= keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
        }
        keys[2 * keyCount] = keyStart;
        keys[2 * keyCount + 1] = at - keyStart;
        keyCount++;
    }

    /**
     * Jackson keeps the last of duplicate keys, in the first one's place: such a chunk would come back changed. The
     * object's keys are those from {@code firstKey} on; they are dropped here.
     */
    private void checkUnique(int firstKey) {
        for (int i = firstKey + 1; i < keyCount; i++) {
            int start = keys[2 * i];
            int length = keys[2 * i + 1];
            for (int j = firstKey; j < i; j++) {
                int other = keys[2 * j];
                if (keys[2 * j + 1] == length && json[start + 1] == json[other + 1]
                        && Arrays.equals(json, start, start + length, json, other, other + length)) {
                    throw Reject.INSTANCE;
                }
            }
        }
        keyCount = firstKey;
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

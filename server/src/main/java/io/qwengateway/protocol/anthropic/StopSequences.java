package io.qwengateway.protocol.anthropic;

import java.util.List;

/**
 * The client's {@code stop_sequences}, matched by the gateway on the answer text. Qwen would stop at a sequence too,
 * but its {@code finish_reason} is then a plain {@code stop}: nobody could say whether, or which, sequence matched,
 * and Anthropic clients are told exactly that ({@code stop_reason: stop_sequence} with {@code stop_sequence}). So
 * the sequences are not sent upstream; text that could be the start of one is held back until it is known not to be.
 * Written by hand: it is a few lines over the text stream, with no library doing this incremental hold-back.
 */
final class StopSequences {

    private final List<String> sequences;
    private final StringBuilder pending = new StringBuilder();
    private String matched;

    StopSequences(List<String> sequences) {
        this.sequences = List.copyOf(sequences);
    }

    /** The sequence that ended the answer, once one has. */
    String matched() {
        return matched;
    }

    /** The part of the text so far that can go to the client now; nothing after a match. */
    String feed(String delta) {
        if (matched != null) {
            return "";
        }
        if (sequences.isEmpty()) {
            return delta;
        }
        pending.append(delta);
        int earliest = -1;
        for (String sequence : sequences) {
            int at = pending.indexOf(sequence);
            if (at >= 0 && (earliest < 0 || at < earliest)) {
                earliest = at;
                matched = sequence;
            }
        }
        if (earliest >= 0) {
            String before = pending.substring(0, earliest);
            pending.setLength(0);
            return before;
        }
        int held = heldBack();
        String ready = pending.substring(0, pending.length() - held);
        pending.delete(0, pending.length() - held);
        return ready;
    }

    /** The held-back text, at the end of the answer (it turned out not to start a sequence). */
    String flush() {
        String rest = pending.toString();
        pending.setLength(0);
        return rest;
    }

    /** The longest end of the pending text that begins some sequence. */
    private int heldBack() {
        int held = 0;
        for (String sequence : sequences) {
            for (int length = Math.min(sequence.length() - 1, pending.length()); length > held; length--) {
                if (pending.lastIndexOf(sequence.substring(0, length)) == pending.length() - length) {
                    held = length;
                    break;
                }
            }
        }
        return held;
    }
}

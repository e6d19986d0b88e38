package io.qwengateway.protocol.responses;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Codex's remote compaction over a model that has none: a request whose input ends with a
 * {@code compaction_trigger} item asks for one {@code compaction} output item, an opaque checkpoint that later requests
 * send back in place of the conversation it replaces. Qwen is asked for a summary of the conversation instead
 * ({@link #prompt}), and the checkpoint carries that summary, encoded; sent back, it becomes a message that opens the
 * conversation with the summary ({@link #summaryPrefix}). Only the gateway reads its checkpoints, so they are not
 * encrypted, merely marked as its own.
 *
 * @param prompt        the instruction that replaces the trigger
 * @param summaryPrefix what precedes the summary when a checkpoint comes back
 */
public record Compaction(String prompt, String summaryPrefix) {

    private static final String MARK = "qwen-gateway-summary-v1:";

    public static final Compaction DEFAULT = new Compaction("""
            Your context window is nearly full. Write a summary of the conversation so far that lets you continue the \
            work without it: the user's goals and constraints, what has been done (files, commands, results), the \
            decisions made and why, the open problems, and the next steps. Be complete and specific; leave out \
            pleasantries. Reply with the summary only.""",
            "This conversation continues an earlier one, which was summarised to save context. The summary:");

    public Compaction {
        prompt = prompt == null || prompt.isBlank() ? DEFAULT.prompt : prompt;
        summaryPrefix = summaryPrefix == null || summaryPrefix.isBlank() ? DEFAULT.summaryPrefix : summaryPrefix;
    }

    static String checkpoint(String summary) {
        return MARK + Base64.getEncoder().encodeToString(summary.getBytes(StandardCharsets.UTF_8));
    }

    /** The summary inside one of the gateway's checkpoints; empty for anyone else's (OpenAI's are encrypted). */
    static Optional<String> summaryOf(String encryptedContent) {
        if (encryptedContent == null || !encryptedContent.startsWith(MARK)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Base64.getDecoder().decode(encryptedContent.substring(MARK.length())),
                    StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

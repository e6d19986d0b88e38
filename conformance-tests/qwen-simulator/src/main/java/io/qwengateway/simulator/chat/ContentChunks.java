package io.qwengateway.simulator.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts text into stream pieces at word boundaries, each word keeping the whitespace before it (as model tokens do),
 * so the pieces always concatenate back to the text.
 */
final class ContentChunks {

    /** Appended when a behaviour needs more chunks than the answer has words. */
    static final String PADDING_WORD = " …";

    private static final Pattern WORD_WITH_LEADING_SPACE = Pattern.compile("\\s*\\S+");

    private ContentChunks() {
    }

    /** At most {@code maxChunks} pieces, as even as whole words allow; none for empty text. */
    static List<String> atMost(String text, int maxChunks) {
        List<String> words = words(text);
        if (words.size() <= maxChunks) {
            return words;
        }
        List<String> chunks = new ArrayList<>(maxChunks);
        for (int chunk = 0; chunk < maxChunks; chunk++) {
            int from = chunk * words.size() / maxChunks;
            int to = (chunk + 1) * words.size() / maxChunks;
            chunks.add(String.join("", words.subList(from, to)));
        }
        return chunks;
    }

    /** Exactly {@code count} pieces; a text with fewer words is padded with {@value #PADDING_WORD} words. */
    static List<String> exactly(String text, int count) {
        StringBuilder padded = new StringBuilder(text);
        for (int missing = count - words(text).size(); missing > 0; missing--) {
            padded.append(PADDING_WORD);
        }
        return atMost(padded.toString(), count);
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD_WITH_LEADING_SPACE.matcher(text);
        int end = 0;
        while (matcher.find()) {
            words.add(matcher.group());
            end = matcher.end();
        }
        if (end < text.length()) {
            String trailingSpace = text.substring(end);
            if (words.isEmpty()) {
                words.add(trailingSpace);
            } else {
                words.set(words.size() - 1, words.get(words.size() - 1) + trailingSpace);
            }
        }
        return words;
    }
}

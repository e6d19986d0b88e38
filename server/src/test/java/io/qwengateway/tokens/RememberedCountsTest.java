package io.qwengateway.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RememberedCountsTest {

    private final List<String> counted = new ArrayList<>();

    private long countByLength(String text) {
        counted.add(text);
        return text.length() / 4;
    }

    private static String text(char letter, int length) {
        return String.valueOf(letter).repeat(length);
    }

    @Test
    void aLongTextSentAgainIsCountedOnceWithTheSameCount() {
        RememberedCounts counts = new RememberedCounts(1 << 20, this::countByLength);
        String prompt = text('a', 4000);

        long first = counts.count(prompt);
        long again = counts.count(new String(prompt.toCharArray())); // equal content, another object, as each request

        assertThat(first).isEqualTo(1000);
        assertThat(again).isEqualTo(first);
        assertThat(counted).hasSize(1);
    }

    @Test
    void anotherTextOfTheSameLengthIsCountedForItself() {
        RememberedCounts counts = new RememberedCounts(1 << 20, text -> text.chars().filter(c -> c == 'b').count());

        assertThat(counts.count(text('a', 100))).isZero();
        assertThat(counts.count(text('b', 100))).isEqualTo(100);
    }

    @Test
    void shortTextsAreCountedEachTime() {
        RememberedCounts counts = new RememberedCounts(1 << 20, this::countByLength);
        String shortText = text('a', RememberedCounts.MIN_CHARS - 1);

        counts.count(shortText);
        counts.count(shortText);

        assertThat(counted).hasSize(2);
    }

    @Test
    void noneAreKeptWhenTheLimitIsZero() {
        RememberedCounts counts = new RememberedCounts(0, this::countByLength);
        String prompt = text('a', 4000);

        counts.count(prompt);
        counts.count(prompt);

        assertThat(counted).hasSize(2);
    }

    @Test
    void whatIsKeptStaysWithinTheLimit() {
        // Room for about two of these texts: of five, at least three are counted again on a second pass.
        RememberedCounts counts = new RememberedCounts(2 * 1100, this::countByLength);
        List<String> texts = List.of(text('a', 1000), text('b', 1000), text('c', 1000), text('d', 1000),
                text('e', 1000));

        texts.forEach(counts::count);
        counted.clear();
        texts.forEach(counts::count);

        assertThat(counted).hasSizeGreaterThanOrEqualTo(3);
    }
}

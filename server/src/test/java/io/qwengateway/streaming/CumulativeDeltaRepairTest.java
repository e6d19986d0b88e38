package io.qwengateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class CumulativeDeltaRepairTest {

    /** The deltas after the repair as configured by default: on, with a minimum prefix of 4 characters. */
    private static List<String> repaired(String... deltas) {
        return repairedBy(new CumulativeDeltaRepair(true, 4), deltas);
    }

    private static List<String> repairedBy(CumulativeDeltaRepair repair, String... deltas) {
        return Stream.of(deltas).map(repair::repair).toList();
    }

    @Test
    void cumulativeDeltasBecomeSuffixes() {
        assertThat(repaired("Hello", "Hello, wor", "Hello, world!", "Hello, world!"))
                .containsExactly("Hello", ", wor", "ld!", "");
    }

    @Test
    void ordinarySuffixDeltasPassUnchanged() {
        assertThat(repaired("Hello", ", world", "! Hello", ", world"))
                .containsExactly("Hello", ", world", "! Hello", ", world");
    }

    @Test
    void aShortFirstDeltaThatMerelyRepeatsIsNotTakenForCumulative() {
        assertThat(repaired("ab", "abc", "abcd"))
                .containsExactly("ab", "abc", "abcd");
    }

    @Test
    void theModeIsDecidedOnceAtTheSecondNonEmptyDelta() {
        assertThat(repaired("", "Hello", "", " there", "Hello there, friend"))
                .containsExactly("", "Hello", "", " there", "Hello there, friend");
    }

    @Test
    void aCumulativeDeltaThatRestartsIsPassedWhole() {
        assertThat(repaired("Hello", "Hello you", "Bye", "Bye now"))
                .containsExactly("Hello", " you", "Bye", " now");
    }

    @Test
    void whenDisabledNothingIsChanged() {
        assertThat(repairedBy(new CumulativeDeltaRepair(false, 4), "Hello", "Hello, wor"))
                .containsExactly("Hello", "Hello, wor");
    }

    @Test
    void whatItSaysWouldPassUnchangedIsWhatItReturnsUnchanged() {
        Random random = new Random(7);
        String[] pieces = {"", "He", "Hello", "Hello world", "Hello world!", " world", "Bye", "Bye now", "abc"};
        int unchanged = 0;
        int changed = 0;
        for (int stream = 0; stream < 2_000; stream++) {
            CumulativeDeltaRepair repair = new CumulativeDeltaRepair(random.nextInt(10) > 0, 1 + random.nextInt(5));
            for (int i = 0; i < 6; i++) {
                String delta = pieces[random.nextInt(pieces.length)];
                boolean predicted = repair.passesUnchanged(delta);
                assertThat(repair.passesUnchanged(delta)).as("asking changes nothing").isEqualTo(predicted);
                assertThat(repair.repair(delta).equals(delta)).as(delta).isEqualTo(predicted);
                if (predicted) {
                    unchanged++;
                } else {
                    changed++;
                }
            }
        }
        assertThat(unchanged).isPositive();
        assertThat(changed).as("deltas the repair shortened").isPositive();
    }
}

package io.qwengateway.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StopSequencesTest {

    @Test
    void withoutSequencesEverythingPassesAtOnce() {
        StopSequences stops = new StopSequences(List.of());

        assertThat(stops.feed("abc")).isEqualTo("abc");
        assertThat(stops.matched()).isNull();
    }

    @Test
    void aSequenceSplitAcrossDeltasIsFoundAndNothingAfterItPasses() {
        StopSequences stops = new StopSequences(List.of("STOP"));

        assertThat(stops.feed("one ST")).isEqualTo("one ");
        assertThat(stops.feed("OP two")).isEmpty();
        assertThat(stops.matched()).isEqualTo("STOP");
        assertThat(stops.feed(" three")).isEmpty();
    }

    @Test
    void heldBackTextThatTurnsOutNotToBeASequenceIsReleased() {
        StopSequences stops = new StopSequences(List.of("STOP"));

        assertThat(stops.feed("a S")).isEqualTo("a ");
        assertThat(stops.feed("T")).isEmpty();
        assertThat(stops.feed("ART")).isEqualTo("START");
        assertThat(stops.feed("ST")).isEmpty();
        assertThat(stops.flush()).isEqualTo("ST");
        assertThat(stops.matched()).isNull();
    }

    @Test
    void theEarliestOfSeveralSequencesWins() {
        StopSequences stops = new StopSequences(List.of("\n\nHuman:", "END"));

        assertThat(stops.feed("text END more\n\nHuman:")).isEqualTo("text ");
        assertThat(stops.matched()).isEqualTo("END");
    }
}

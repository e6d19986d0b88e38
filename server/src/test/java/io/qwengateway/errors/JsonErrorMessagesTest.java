package io.qwengateway.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonErrorMessagesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Unexpected character ('}' (code 125)): was expecting double-quote to start property name"
                    + "|Unexpected character '}': was expecting double-quote to start property name",
            "Unexpected close marker '}': expected ']' (for Array starting at [Source: REDACTED "
                    + "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); byte offset: #UNKNOWN])"
                    + "|Unexpected close marker '}': expected ']'",
            "Unexpected end-of-input: expected close marker for Array (start marker at [Source: REDACTED "
                    + "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); byte offset: #UNKNOWN])"
                    + "|Unexpected end-of-input: expected close marker for Array",
            "Document nesting depth (501) exceeds the maximum allowed (500, from "
                    + "`StreamReadConstraints.getMaxNestingDepth()`)"
                    + "|Document nesting depth (501) exceeds the maximum allowed (500)",
            "Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"
                    + "|Unrecognized token 'NaN'",
            "Illegal unquoted character ((CTRL-CHAR, code 1)): has to be escaped using backslash to be included in "
                    + "string value|Illegal unquoted character (control character 1): has to be escaped using "
                    + "backslash to be included in string value"})
    void jacksonsSentenceKeepsItsWordsAndLosesItsReferences(String jackson, String plain) {
        assertThat(JsonErrorMessages.plainWords(jackson)).isEqualTo(plain);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Cannot deserialize value of type `java.lang.Integer` from Boolean value",
            "Unexpected token (START_OBJECT), expected VALUE_STRING: io.qwengateway.api.model.X",
            "Something failed in SomeException"})
    void whatStillShowsInternalsIsDroppedAltogether(String jackson) {
        assertThat(JsonErrorMessages.plainWords(jackson)).isNull();
    }
}

package io.qwengateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormBodyTest {

    @Test
    void spacesAreEncodedAsPercent20NeverAsPlus() {
        assertThat(new FormBody().add("scope", "openid profile email model.completion").encoded())
                .isEqualTo("scope=openid%20profile%20email%20model.completion");
    }

    @Test
    void valuesAreEncodedLikeEncodeUriComponent() {
        String printableAscii = " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

        assertThat(FormBody.encodeUriComponent(printableAscii))
                .isEqualTo("%20!%22%23%24%25%26'()*%2B%2C-.%2F%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E_%60%7B%7C%7D~");
        assertThat(FormBody.encodeUriComponent("AZaz09é€")).isEqualTo("AZaz09%C3%A9%E2%82%AC");
    }

    @Test
    void encodedSequencesInTheInputAreNotDecodedBack() {
        assertThat(FormBody.encodeUriComponent("%21%7E+")).isEqualTo("%2521%257E%2B");
    }

    @Test
    void fieldsKeepTheirOrder() {
        FormBody form = new FormBody()
                .add("grant_type", "refresh_token")
                .add("refresh_token", "r&t=1")
                .add("client_id", "f0304373b74a44d2b584a3fb70ca9e56");

        assertThat(form.encoded())
                .isEqualTo("grant_type=refresh_token&refresh_token=r%26t%3D1&client_id=f0304373b74a44d2b584a3fb70ca9e56");
    }

    @Test
    void toStringNamesTheFieldsButNeverShowsTheirValues() {
        FormBody form = new FormBody().add("grant_type", "refresh_token").add("refresh_token", "secret-refresh-token");

        assertThat(form.toString()).contains("grant_type", "refresh_token").doesNotContain("secret-refresh-token");
    }
}

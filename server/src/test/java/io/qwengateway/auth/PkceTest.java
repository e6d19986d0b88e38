package io.qwengateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    void verifierIs32RandomBytesInBase64urlWithoutPadding() {
        Pkce pkce = Pkce.generate();

        assertThat(pkce.verifier()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(pkce.verifier())).hasSize(32);
    }

    @Test
    void challengeIsTheBase64urlSha256OfTheVerifier() {
        // RFC 7636, appendix B.
        assertThat(Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        Pkce pkce = Pkce.generate();
        assertThat(pkce.challenge()).isEqualTo(Pkce.challengeOf(pkce.verifier()));
    }

    @Test
    void everyLoginGetsItsOwnVerifier() {
        Set<String> verifiers = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            verifiers.add(Pkce.generate().verifier());
        }
        assertThat(verifiers).hasSize(100);
    }

    @Test
    void printingItNeverShowsTheVerifier() {
        Pkce pkce = Pkce.generate();

        assertThat(pkce.toString()).doesNotContain(pkce.verifier()).contains(pkce.challenge());
    }
}

package com.usepylon.jira.jiraclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

    private static final String HOW_TO = "openssl rand -base64 32";

    @Test
    void parseKey_missing_failsWithHowToMakeOne() {
        assertThatThrownBy(() -> TokenCipher.parseKey(Optional.empty()))
                .hasMessageContaining("pylon.jira.encryption-key is not set")
                .hasMessageContaining(HOW_TO);
    }

    @Test
    void parseKey_wrongLength_failsWithoutQuotingTheKey() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> TokenCipher.parseKey(Optional.of(shortKey)))
                .hasMessageContaining("exactly 32 bytes")
                .hasMessageContaining("decodes to 16")
                .hasMessageContaining(HOW_TO)
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void parseKey_notBase64_failsWithHowToMakeOne() {
        assertThatThrownBy(() -> TokenCipher.parseKey(Optional.of("not base64 at all!")))
                .hasMessageContaining("not valid base64")
                .hasMessageContaining(HOW_TO);
    }

    @Test
    void parseKey_32Bytes_isAnAesKey() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);

        assertThat(TokenCipher.parseKey(Optional.of(key)).getAlgorithm()).isEqualTo("AES");
    }
}

package com.usepylon.jira.jiraclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

    private static final String HOW_TO = "openssl rand -base64 32";
    private static final String SITE = "0b1c2d3e-site";

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

    @Test
    void rotation_tokensSealedWithTheOldKey_openWhileItIsAnExtraKey() throws Exception {
        SecretKey oldKey = randomKey();
        SecretKey newKey = randomKey();
        byte[] sealedBefore = cipher(oldKey).seal(SITE, "system-token-1");

        TokenCipher rotated = cipher(newKey, oldKey);

        assertThat(rotated.open(SITE, sealedBefore)).isEqualTo("system-token-1");
    }

    @Test
    void rotation_aReplicaOnTheOldKey_opensTokensSealedWithTheNew_onceItKnowsTheNewOne() throws Exception {
        SecretKey oldKey = randomKey();
        SecretKey newKey = randomKey();
        byte[] sealedByNewReplica = cipher(newKey, oldKey).seal(SITE, "system-token-2");

        assertThat(cipher(oldKey, newKey).open(SITE, sealedByNewReplica)).isEqualTo("system-token-2");
        assertThatThrownBy(() -> cipher(oldKey).open(SITE, sealedByNewReplica))
                .isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void rotation_sealsWithTheCurrentKeyOnly_soTheOldOneCanBeDropped() throws Exception {
        SecretKey oldKey = randomKey();
        SecretKey newKey = randomKey();

        byte[] sealed = cipher(newKey, oldKey).seal(SITE, "system-token-3");

        assertThat(cipher(newKey).open(SITE, sealed)).isEqualTo("system-token-3");
        assertThatThrownBy(() -> cipher(oldKey).open(SITE, sealed)).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void rotation_anExtraKeyStillCannotOpenAnotherSitesToken() {
        SecretKey oldKey = randomKey();
        byte[] sealed = cipher(oldKey).seal(SITE, "system-token-4");

        assertThatThrownBy(() -> cipher(randomKey(), oldKey).open("another-site", sealed))
                .isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void parseKey_badExtraKey_failsNamingItsProperty() {
        assertThatThrownBy(() -> TokenCipher.parseKey(TokenCipher.EXTRA_KEYS_PROPERTY, "c2hvcnQ="))
                .hasMessageContaining("pylon.jira.extra-decryption-keys must decode to exactly 32 bytes");
    }

    private static TokenCipher cipher(SecretKey key, SecretKey... extraDecryptionKeys) {
        return new TokenCipher(key, List.of(extraDecryptionKeys), new SecureRandom());
    }

    private static SecretKey randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }
}

package com.usepylon.jira.jiraclient;

import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the system tokens the service keeps: AES-256-GCM, a fresh random 12-byte nonce per token, stored
 * as the nonce followed by ciphertext and tag. The site's cloud id is the associated data, so a ciphertext
 * copied into another site's row fails to decrypt instead of lending one site's credentials to another.
 *
 * <p>Tokens are sealed with {@code pylon.jira.encryption-key}; {@code pylon.jira.extra-decryption-keys}
 * may open them too, so that replicas on the old and the new key read each other's tokens while the key
 * is being changed. GCM's tag tells which key fits, so nothing records which key sealed a token.
 *
 * <p>Built at start-up, so that a missing or malformed key stops the service before the first call rather
 * than at it.
 */
@Startup
@Singleton
public class TokenCipher {

    static final String KEY_PROPERTY = "pylon.jira.encryption-key";
    static final String EXTRA_KEYS_PROPERTY = "pylon.jira.extra-decryption-keys";
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    private static final int KEY_BYTES = 32;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final String HOW_TO_MAKE_ONE = " Generate one with `openssl rand -base64 32` and set it"
            + " as " + KEY_PROPERTY + " (environment variable PYLON_JIRA_ENCRYPTION_KEY).";

    private final SecretKey key;
    private final List<SecretKey> openingKeys;
    private final SecureRandom random;

    @Inject
    public TokenCipher(JiraApiConfig config, SecureRandom random) {
        this(parseKey(config.encryptionKey()), config.extraDecryptionKeys().orElse(List.of()).stream()
                .map(extra -> parseKey(EXTRA_KEYS_PROPERTY, extra)).toList(), random);
    }

    TokenCipher(SecretKey key, List<SecretKey> extraDecryptionKeys, SecureRandom random) {
        this.key = key;
        this.openingKeys = Stream.concat(Stream.of(key), extraDecryptionKeys.stream()).toList();
        this.random = random;
    }

    /** Encrypts a token for the site; the result differs on every call, even for the same token. */
    byte[] seal(String cloudId, String token) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, cloudId, nonce)
                    .doFinal(token.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM has AES-GCM", e);
        }
    }

    /**
     * Decrypts what {@link #seal} made for the same site.
     *
     * @throws GeneralSecurityException if the bytes were changed, belong to another site, or were sealed with
     *     another key
     */
    String open(String cloudId, byte[] sealed) throws GeneralSecurityException {
        if (sealed.length < NONCE_BYTES + TAG_BYTES) {
            throw new GeneralSecurityException("Too short to be a sealed token");
        }
        byte[] nonce = Arrays.copyOfRange(sealed, 0, NONCE_BYTES);
        GeneralSecurityException failure = null;
        for (SecretKey candidate : openingKeys) {
            try {
                byte[] plain = cipher(Cipher.DECRYPT_MODE, candidate, cloudId, nonce)
                        .doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
                return new String(plain, StandardCharsets.UTF_8);
            } catch (AEADBadTagException e) {
                failure = e; // sealed with another key, changed, or another site's: try the next key
            }
        }
        throw failure;
    }

    private static Cipher cipher(int mode, SecretKey key, String cloudId, byte[] nonce)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        cipher.updateAAD(cloudId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** The configured key, or a start-up failure that says how to make one. Never quotes the value. */
    static SecretKey parseKey(Optional<String> base64) {
        String text = base64.map(String::trim).filter(value -> !value.isEmpty())
                .orElseThrow(() -> new IllegalStateException(KEY_PROPERTY + " is not set; the service needs"
                        + " it to encrypt the Jira credentials it keeps." + HOW_TO_MAKE_ONE));
        return parseKey(KEY_PROPERTY, text);
    }

    static SecretKey parseKey(String property, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not valid base64." + HOW_TO_MAKE_ONE);
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(property + " must decode to exactly " + KEY_BYTES
                    + " bytes (AES-256), but decodes to " + bytes.length + "." + HOW_TO_MAKE_ONE);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}

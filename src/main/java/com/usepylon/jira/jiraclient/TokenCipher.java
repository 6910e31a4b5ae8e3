package com.usepylon.jira.jiraclient;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the system tokens the service keeps: AES-256-GCM, a fresh random 12-byte nonce per token, stored
 * as the nonce followed by ciphertext and tag. The site's cloud id is the associated data, so a ciphertext
 * copied into another site's row fails to decrypt instead of lending one site's credentials to another.
 *
 * <p>Built at start-up, so that a missing or malformed key stops the service before the first call rather
 * than at it. There is one key and no rotation: a changed key makes the stored tokens unreadable, which
 * costs little because they live for minutes and the app sends fresh ones with every call.
 */
@Startup
@Singleton
public class TokenCipher {

    static final String KEY_PROPERTY = "pylon.jira.encryption-key";
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    private static final int KEY_BYTES = 32;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final String HOW_TO_MAKE_ONE = " Generate one with `openssl rand -base64 32` and set it"
            + " as " + KEY_PROPERTY + " (environment variable PYLON_JIRA_ENCRYPTION_KEY).";

    private final SecretKey key;
    private final SecureRandom random;

    public TokenCipher(JiraApiConfig config, SecureRandom random) {
        this.key = parseKey(config.encryptionKey());
        this.random = random;
    }

    /** Encrypts a token for the site; the result differs on every call, even for the same token. */
    byte[] seal(String cloudId, String token) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, cloudId, nonce)
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
        byte[] plain = cipher(Cipher.DECRYPT_MODE, cloudId, nonce)
                .doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        return new String(plain, StandardCharsets.UTF_8);
    }

    private Cipher cipher(int mode, String cloudId, byte[] nonce) throws GeneralSecurityException {
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
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(KEY_PROPERTY + " is not valid base64." + HOW_TO_MAKE_ONE);
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(KEY_PROPERTY + " must decode to exactly " + KEY_BYTES
                    + " bytes (AES-256), but decodes to " + bytes.length + "." + HOW_TO_MAKE_ONE);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}

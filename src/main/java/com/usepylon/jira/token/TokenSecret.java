package com.usepylon.jira.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The secret part of a configuration token: {@code pjct_} followed by 256 random bits in base64url.
 * The prefix lets people and secret scanners recognise a leaked token.
 *
 * <p>Only a SHA-256 hash is stored. A fast hash is enough here, unlike for passwords: a token has 256
 * bits of entropy, so the hash cannot be reversed by guessing.
 */
final class TokenSecret {

    static final String PREFIX = "pjct_";
    private static final int RANDOM_BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile(PREFIX + "[A-Za-z0-9_-]{43}");

    private TokenSecret() {
    }

    static String generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean looksValid(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    /** Compares two hashes in time that does not depend on where they differ. */
    static boolean matches(byte[] expectedHash, byte[] presentedHash) {
        return MessageDigest.isEqual(expectedHash, presentedHash);
    }
}

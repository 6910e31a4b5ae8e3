package com.usepylon.jira.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * Keys the tests sign with: a Pylon key pair and Atlassian's Forge key set, freshly generated per run
 * and published as files that the service reads like it would read the real ones.
 */
public final class TestKeys {

    public static final String PYLON_ISSUER = "https://app.usepylon.com";
    public static final String FORGE_APP_ID = "ari:cloud:ecosystem::app/3f0c5d0e-6a61-4b1e-9d7a-2b7f3c1e9a10";
    public static final String FORGE_KID = "forge-test-key-1";

    public static final KeyPair PYLON = generate();
    public static final KeyPair FORGE = generate();
    /** Signs tokens with a key nobody published, to stand in for an attacker's own key. */
    public static final KeyPair STRANGER = generate();

    private static final Path DIR = createDirectory();
    public static final Path PYLON_PUBLIC_KEY = DIR.resolve("pylon-public.pem");
    public static final Path FORGE_JWKS = DIR.resolve("forge-jwks.json");

    private static final Map<String, KeyPair> PUBLISHED_FORGE_KEYS = new LinkedHashMap<>();

    static {
        writePem(PYLON, PYLON_PUBLIC_KEY);
        publishForgeKeys(Map.of(FORGE_KID, FORGE));
    }

    private TestKeys() {
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public halves of the keys as a JSON Web Key Set, each under its {@code kid}, for RS256. */
    public static String keySet(Map<String, KeyPair> keysByKid) {
        List<JsonWebKey> keys = new ArrayList<>();
        for (Map.Entry<String, KeyPair> entry : keysByKid.entrySet()) {
            RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) entry.getValue().getPublic());
            jwk.setKeyId(entry.getKey());
            jwk.setUse("sig");
            jwk.setAlgorithm("RS256");
            keys.add(jwk);
        }
        return new JsonWebKeySet(keys).toJson();
    }

    /** Replaces Atlassian's published key set, as a key rotation would. */
    public static synchronized void publishForgeKeys(Map<String, KeyPair> keysByKid) {
        PUBLISHED_FORGE_KEYS.clear();
        PUBLISHED_FORGE_KEYS.putAll(keysByKid);
        try {
            Files.writeString(FORGE_JWKS, keySet(keysByKid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writePem(KeyPair pair, Path target) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(pair.getPublic().getEncoded());
        try {
            Files.writeString(target, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDirectory() {
        try {
            Path dir = Files.createTempDirectory("pylon-jira-keys");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

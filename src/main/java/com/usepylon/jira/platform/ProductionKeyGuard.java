package com.usepylon.jira.platform;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses to start a production service that has no keys, or the development keys that this
 * repository publishes. Development and test profiles are not checked.
 */
public class ProductionKeyGuard {

    static final String PYLON_KEY_LOCATION = "mp.jwt.verify.publickey.location";
    static final String PYLON_KEY_INLINE = "mp.jwt.verify.publickey";
    static final String FORGE_JWKS_URL = "pylon.jira.forge.jwks-url";
    static final String FORGE_APP_ID = "pylon.jira.forge.app-id";
    static final String DEV_PYLON_KEY = "dev-keys/pylon-jwt-public.pem";
    static final String DEV_FORGE_JWKS = "dev-keys/forge-jwks.json";
    static final String DEV_APP_ID_MARKER = "00000000dev0";
    static final String ENCRYPTION_KEY = "pylon.jira.encryption-key";
    /** The dev profile's key in application.properties: published, so it protects nothing. */
    static final String DEV_ENCRYPTION_KEY = "d5QLYeJNYQYXdBLKYnNdmoGzrEnteSkOi3z9nSKlviI=";

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<String> problems = problems(ConfigProvider.getConfig());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in production: " + String.join(" ", problems)
                    + " See README, section 'Configuring for production'.");
        }
    }

    /** Everything wrong with the key configuration, as sentences that say what to set. */
    static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        Optional<String> location = config.getOptionalValue(PYLON_KEY_LOCATION, String.class);
        Optional<String> inline = config.getOptionalValue(PYLON_KEY_INLINE, String.class);
        if (location.isEmpty() && inline.isEmpty()) {
            problems.add("Set " + PYLON_KEY_LOCATION + " to the location of Pylon's JWT public key.");
        } else if (inline.map(ProductionKeyGuard::isDevPylonKey).orElse(false)
                || location.map(ProductionKeyGuard::readQuietly).map(ProductionKeyGuard::isDevPylonKey)
                        .orElse(false)) {
            problems.add("The Pylon JWT public key is the development key; configure Pylon's real key.");
        }
        String jwks = config.getOptionalValue(FORGE_JWKS_URL, String.class).orElse("");
        if (jwks.endsWith(DEV_FORGE_JWKS)) {
            problems.add("Set " + FORGE_JWKS_URL + " to Atlassian's key set, not the development one.");
        }
        String appId = config.getOptionalValue(FORGE_APP_ID, String.class).orElse("");
        if (appId.isBlank() || appId.contains(DEV_APP_ID_MARKER)) {
            problems.add("Set " + FORGE_APP_ID + " to the Atlassian app's id"
                    + " (ari:cloud:ecosystem::app/...).");
        }
        encryptionKeyProblem(config).ifPresent(problems::add);
        return problems;
    }

    private static Optional<String> encryptionKeyProblem(Config config) {
        String key = config.getOptionalValue(ENCRYPTION_KEY, String.class).orElse("").trim();
        if (key.isEmpty()) {
            return Optional.of("Set " + ENCRYPTION_KEY + " to a base64 AES-256 key; generate one with"
                    + " `openssl rand -base64 32`.");
        }
        if (key.equals(DEV_ENCRYPTION_KEY)) {
            return Optional.of(ENCRYPTION_KEY + " is the development key; generate a real one with"
                    + " `openssl rand -base64 32`.");
        }
        return Optional.empty();
    }

    private static boolean isDevPylonKey(String pem) {
        return normalise(pem).equals(normalise(classpath(DEV_PYLON_KEY)));
    }

    /** Reads a key the way SmallRye JWT would find it: a file, or a classpath resource. */
    private static String readQuietly(String location) {
        try {
            String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
            if (Files.isRegularFile(Path.of(path))) {
                return Files.readString(Path.of(path));
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable key is reported by SmallRye JWT itself; here it only cannot be the dev key.
        }
        return classpath(location.replaceFirst("^classpath:", ""));
    }

    private static String classpath(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String normalise(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }
}

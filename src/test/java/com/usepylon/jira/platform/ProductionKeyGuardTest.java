package com.usepylon.jira.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductionKeyGuardTest {

    private static final String REAL_APP_ID = "ari:cloud:ecosystem::app/3f0c5d0e-6a61-4b1e-9d7a-2b7f3c1e9a10";
    private static final String REAL_ENCRYPTION_KEY = "typvxZw/3Dn74ZMCKVUzLJtlf1Z1K11pT2WinDVfgwY=";

    @Test
    void noKeysAtAll_isRefused() {
        assertThat(ProductionKeyGuard.problems(config(Map.of())))
                .anyMatch(problem -> problem.contains("mp.jwt.verify.publickey.location"))
                .anyMatch(problem -> problem.contains("pylon.jira.forge.app-id"))
                .anyMatch(problem -> problem.contains("pylon.jira.encryption-key")
                        && problem.contains("openssl rand -base64 32"));
    }

    @Test
    void theDevelopmentKeys_areRefused() {
        SmallRyeConfig config = config(Map.of(
                "mp.jwt.verify.publickey.location", "dev-keys/pylon-jwt-public.pem",
                "pylon.jira.forge.jwks-url", "classpath:dev-keys/forge-jwks.json",
                "pylon.jira.forge.app-id", "ari:cloud:ecosystem::app/00000000-0000-4000-8000-00000000dev0",
                "pylon.jira.encryption-key", ProductionKeyGuard.DEV_ENCRYPTION_KEY));

        assertThat(ProductionKeyGuard.problems(config)).hasSize(4)
                .contains("pylon.jira.encryption-key is the development key; generate a real one with"
                        + " `openssl rand -base64 32`.");
    }

    @Test
    void theDevelopmentEncryptionKey_isTheOneTheDevProfileUses() throws Exception {
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));

        assertThat(properties)
                .contains("%dev.pylon.jira.encryption-key=" + ProductionKeyGuard.DEV_ENCRYPTION_KEY);
    }

    @Test
    void aCopyOfTheDevelopmentPylonKeyInAFile_isRefused() throws Exception {
        Path copy = Files.createTempFile("copied-dev-key", ".pem");
        Files.writeString(copy,
                Files.readString(Path.of("src/main/resources/dev-keys/pylon-jwt-public.pem")));

        SmallRyeConfig config = config(Map.of(
                "mp.jwt.verify.publickey.location", copy.toUri().toString(),
                "pylon.jira.forge.app-id", REAL_APP_ID,
                "pylon.jira.encryption-key", REAL_ENCRYPTION_KEY));

        assertThat(ProductionKeyGuard.problems(config)).containsExactly(
                "The Pylon JWT public key is the development key; configure Pylon's real key.");
    }

    @Test
    void realKeys_areAccepted() throws Exception {
        Path realKey = Files.createTempFile("real-key", ".pem");
        Files.writeString(realKey, "-----BEGIN PUBLIC KEY-----\n"
                + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n"
                + "-----END PUBLIC KEY-----\n");

        SmallRyeConfig config = config(Map.of(
                "mp.jwt.verify.publickey.location", realKey.toString(),
                "pylon.jira.forge.jwks-url", "https://forge.cdn.prod.atlassian-dev.net/.well-known/jwks.json",
                "pylon.jira.forge.app-id", REAL_APP_ID,
                "pylon.jira.encryption-key", REAL_ENCRYPTION_KEY));

        assertThat(ProductionKeyGuard.problems(config)).isEmpty();
    }

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
    }
}

package com.usepylon.jira.security;

import static io.restassured.RestAssured.given;

import com.usepylon.jira.platform.EmbeddedDatabase;
import com.usepylon.jira.support.ServiceProcess;
import com.usepylon.jira.support.TestKeys;
import com.usepylon.jira.support.Tokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The procedure in README ("Rotating keys") for Pylon's JWT signing key, step by step, on the packaged
 * service: publish the new key beside the old one as a key set, let Pylon sign with the new one, then
 * drop the old one. Tokens carry the {@code kid} of the key that signed them.
 */
class PylonKeyRotationIT {

    private static final String OLD_KID = "pylon-2026";
    private static final String NEW_KID = "pylon-2027";
    private static final KeyPair NEW_KEY = TestKeys.generate();
    private static final String CONNECTION = "/api/v1/jira/connection";

    private static Path work;
    private static EmbeddedPostgres database;

    @BeforeAll
    static void startDatabase() throws Exception {
        work = Files.createTempDirectory("pylon-jira-key-rotation");
        database = EmbeddedDatabase.start(work.resolve("postgres"), 0);
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        database.close();
    }

    @Test
    void duringRotation_tokensSignedWithEitherKeyAreAccepted_andNoOtherKeyIs() throws Exception {
        try (ServiceProcess service = start("both", Map.of(OLD_KID, TestKeys.PYLON, NEW_KID, NEW_KEY))) {
            expect(service, token(TestKeys.PYLON, OLD_KID), 200);
            expect(service, token(NEW_KEY, NEW_KID), 200);
            expect(service, token(TestKeys.STRANGER, NEW_KID), 401);
            expect(service, token(TestKeys.STRANGER, "pylon-unknown"), 401);
        }
    }

    @Test
    void afterRotation_theOldKeyIsRefused_andTheNewOneStillWorks() throws Exception {
        try (ServiceProcess service = start("new-only", Map.of(NEW_KID, NEW_KEY))) {
            expect(service, token(TestKeys.PYLON, OLD_KID), 401);
            expect(service, token(NEW_KEY, NEW_KID), 200);
        }
    }

    private static ServiceProcess start(String name, Map<String, KeyPair> published) throws Exception {
        Path keySet = work.resolve("pylon-jwks-" + name + ".json");
        Files.writeString(keySet, TestKeys.keySet(published));
        Map<String, String> environment =
                new HashMap<>(ServiceProcess.testEnvironment(database.getJdbcUrl("postgres", "postgres")));
        environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keySet.toUri().toString());
        return ServiceProcess.start(ServiceProcess.JAR, List.of(), environment, work.resolve(name + ".log"));
    }

    private static String token(KeyPair signer, String kid) {
        return Tokens.sign(Tokens.pylonClaims("admin", UUID.randomUUID(), Duration.ofMinutes(5)),
                signer, kid);
    }

    private static void expect(ServiceProcess service, String token, int status) {
        given().header("Authorization", "Bearer " + token).get(service.uri(CONNECTION))
                .then().statusCode(status);
    }
}

package com.usepylon.jira.support;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/** Real signed tokens, and the broken variants an attacker or a bug would send. */
public final class Tokens {

    private Tokens() {
    }

    /** A Pylon JWT for a user of the organization with the given role. */
    public static String pylon(String role, UUID organizationId) {
        return sign(pylonClaims(role, organizationId, Duration.ofHours(1)), TestKeys.PYLON, null);
    }

    public static JwtClaims pylonClaims(String role, UUID organizationId, Duration validFor) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(TestKeys.PYLON_ISSUER);
        claims.setSubject("user-" + role + "-" + organizationId.toString().substring(0, 8));
        claims.setClaim("org_id", organizationId.toString());
        claims.setClaim("org_name", "Org " + organizationId.toString().substring(0, 8));
        claims.setStringListClaim("groups", List.of(role));
        stampLifetime(claims, validFor);
        return claims;
    }

    /** A Forge Invocation Token from a Jira user of the site. */
    public static String forge(String cloudId) {
        return sign(forgeClaims(cloudId, Duration.ofHours(1)), TestKeys.FORGE, TestKeys.FORGE_KID);
    }

    public static JwtClaims forgeClaims(String cloudId, Duration validFor) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("forge/invocation-token");
        claims.setAudience(TestKeys.FORGE_APP_ID);
        stampLifetime(claims, validFor);
        claims.setNotBeforeMinutesInThePast(1);
        claims.setClaim("principal", "557058:admin-of-" + cloudId.substring(0, 8));
        claims.setClaim("app", Map.of(
                "id", TestKeys.FORGE_APP_ID,
                "installationId", "ari:cloud:ecosystem::installation/" + cloudId,
                "apiBaseUrl", JiraStub.baseUrlFor(cloudId)));
        claims.setClaim("context", Map.of("cloudId", cloudId));
        return claims;
    }

    /**
     * A stand-in for Atlassian's {@code X-Forge-Oauth-System} token: a signed JWT with an {@code exp}. Pylon
     * reads only the {@code exp}; the signature is by a key nobody checks.
     */
    public static String systemToken(Duration validFor) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("https://auth.atlassian.com");
        claims.setSubject("system-user-" + UUID.randomUUID());
        claims.setGeneratedJwtId();
        stampLifetime(claims, validFor);
        return sign(claims, TestKeys.STRANGER, null);
    }

    /**
     * Sets {@code iat} to now and {@code exp} to now plus the lifetime, from one reading of the clock: two
     * readings can straddle a second, and a token that lives a second longer than SmallRye JWT's
     * {@code smallrye.jwt.time-to-live} (one hour) is refused.
     */
    private static void stampLifetime(JwtClaims claims, Duration validFor) {
        long now = Instant.now().getEpochSecond();
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + validFor.toSeconds()));
    }

    public static String sign(JwtClaims claims, KeyPair keys, String kid) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        if (kid != null) {
            jws.setKeyIdHeaderValue(kid);
        }
        return serialize(jws);
    }

    /** The same claims with {@code alg: none} and no signature. */
    public static String unsigned(JwtClaims claims, String kid) {
        String header = kid == null ? "{\"alg\":\"none\",\"typ\":\"JWT\"}"
                : "{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        return base64(header) + "." + base64(claims.toJson()) + ".";
    }

    /** HS256 "signed" with the public key as the secret: the classic algorithm-confusion attack. */
    public static String hmacWithPublicKey(JwtClaims claims, KeyPair keys, String kid) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        Key secret = new HmacKey(keys.getPublic().getEncoded());
        jws.setKey(secret);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        if (kid != null) {
            jws.setKeyIdHeaderValue(kid);
        }
        return serialize(jws);
    }

    /** A validly signed token whose payload was swapped afterwards for one with other claims. */
    public static String tampered(String token, JwtClaims forgedClaims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + base64(forgedClaims.toJson()) + "." + parts[2];
    }

    private static String serialize(JsonWebSignature jws) {
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

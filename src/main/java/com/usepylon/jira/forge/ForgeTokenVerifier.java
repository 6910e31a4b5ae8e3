package com.usepylon.jira.forge;

import com.usepylon.jira.platform.JwtCacheConfig;
import com.usepylon.jira.platform.VerifiedTokens;
import com.usepylon.jira.problem.ProblemException;
import com.usepylon.jira.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Verifies Forge Invocation Tokens: RS256 only, signed by a key in Atlassian's key set, issued by
 * {@code forge/invocation-token}, addressed to this app ({@code aud}), and current ({@code exp},
 * {@code nbf}). Only then is the site's identity read from the claims.
 */
@ApplicationScoped
public class ForgeTokenVerifier {

    static final String ISSUER = "forge/invocation-token";
    private static final Logger LOG = Logger.getLogger(ForgeTokenVerifier.class);

    private final ForgeConfig config;
    private final ForgeKeySet keys;
    private final boolean cacheEnabled;
    private final VerifiedTokens<ForgeSite> verified;
    private final Clock clock;

    public ForgeTokenVerifier(ForgeConfig config, ForgeKeySet keys, JwtCacheConfig cache, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.cacheEnabled = cache.enabled();
        this.verified = new VerifiedTokens<>(cache.maxEntries(), cache.maxAge(), clock);
        this.clock = clock;
    }

    /**
     * The site behind a valid token. A token verified before, byte for byte, and not yet expired is not
     * verified again; see {@link VerifiedTokens} for why that is safe.
     */
    public ForgeSite verify(String token) {
        Optional<ForgeSite> known = cacheEnabled ? verified.lookup(token) : Optional.empty();
        if (known.isPresent()) {
            return known.get();
        }
        JwtClaims claims = verifiedClaims(token);
        ForgeSite site = site(claims);
        if (cacheEnabled) {
            verified.remember(token, site, expiry(claims));
        }
        return site;
    }

    private static ForgeSite site(JwtClaims claims) {
        Map<String, Object> app = object(claims, "app");
        Map<String, Object> context = object(claims, "context");
        return new ForgeSite(
                required(context, "context.cloudId", "cloudId"),
                required(app, "app.installationId", "installationId"),
                required(app, "app.apiBaseUrl", "apiBaseUrl"),
                Optional.ofNullable(claims.getClaimValue("principal")).map(Object::toString).orElse(null));
    }

    private static Instant expiry(JwtClaims claims) {
        try {
            return Instant.ofEpochSecond(claims.getExpirationTime().getValue());
        } catch (MalformedClaimException e) {
            return Instant.EPOCH; // cannot happen after verification required exp; remember nothing
        }
    }

    private JwtClaims verifiedClaims(String token) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver(keys)
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience(config.appId())
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds((int) config.clockSkew().toSeconds())
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                .build();
        try {
            return consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            // Only the error codes: jose4j's messages quote the token itself.
            LOG.debugf("Rejected a Forge Invocation Token, jose4j error codes %s",
                    e.getErrorDetails().stream().map(error -> error.getErrorCode()).toList());
            throw rejected();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(JwtClaims claims, String name) {
        Object value = claims.getClaimValue(name);
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw rejected();
    }

    private static String required(Map<String, Object> claims, String path, String name) {
        Object value = claims.get(name);
        if (value instanceof String text && !text.isBlank()) {
            return text;
        }
        LOG.debugf("Rejected a Forge Invocation Token without %s", path);
        throw rejected();
    }

    static ProblemException rejected() {
        return new ProblemException(ProblemType.UNAUTHENTICATED,
                "Send a valid Forge Invocation Token for this app in the Authorization header (Bearer)."
                        + " It may have expired or have been issued for another app.")
                .withHeader("WWW-Authenticate", "Bearer");
    }
}

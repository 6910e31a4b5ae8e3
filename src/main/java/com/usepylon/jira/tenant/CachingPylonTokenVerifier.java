package com.usepylon.jira.tenant;

import com.usepylon.jira.platform.JwtCacheConfig;
import com.usepylon.jira.platform.VerifiedTokens;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies Pylon JWTs through SmallRye JWT, but only once per distinct token: a token seen before,
 * byte for byte, and not yet expired, gets the identity its first verification produced. Runs ahead
 * of SmallRye's own validator; any failure of the full verification is the answer, so nothing that
 * SmallRye would refuse gets in. {@link VerifiedTokens} says why this is safe.
 *
 * <p>What it saves is more than the RS256 check: decoding the token, parsing its header and claims as
 * JSON, and building the principal cost about as much again (docs/performance.md).
 */
@ApplicationScoped
public class CachingPylonTokenVerifier implements IdentityProvider<TokenAuthenticationRequest> {

    private final MpJwtValidator verifier;
    private final JwtCacheConfig config;
    private final VerifiedTokens<SecurityIdentity> verified;

    public CachingPylonTokenVerifier(MpJwtValidator verifier, JwtCacheConfig config, Clock clock) {
        this.verifier = verifier;
        this.config = config;
        this.verified = new VerifiedTokens<>(config.maxEntries(), config.maxAge(), clock);
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /**
     * Ahead of SmallRye JWT's own validator, which this one calls on a miss. Quarkus asks the provider
     * with the highest priority first, and the validator's is high (1001), so this one is derived from it.
     */
    @Override
    public int priority() {
        return verifier.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        Optional<SecurityIdentity> known = config.enabled() ? verified.lookup(token) : Optional.empty();
        if (known.isPresent()) {
            return Uni.createFrom().item(known.get());
        }
        return verifier.authenticate(request, context).invoke(identity -> remember(token, identity));
    }

    /** Whether this exact token is remembered as verified. */
    boolean remembers(String token) {
        return verified.lookup(token).isPresent();
    }

    private void remember(String token, SecurityIdentity identity) {
        if (config.enabled() && identity != null && identity.getPrincipal() instanceof JsonWebToken jwt
                && jwt.getExpirationTime() > 0) {
            verified.remember(token, identity, Instant.ofEpochSecond(jwt.getExpirationTime()));
        }
    }
}

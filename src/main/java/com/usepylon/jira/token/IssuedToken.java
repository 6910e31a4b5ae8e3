package com.usepylon.jira.token;

import java.time.Instant;
import java.util.UUID;

/**
 * A freshly generated configuration token. This is the only time the token itself leaves the
 * service; afterwards only its hash exists.
 */
public record IssuedToken(UUID organizationId, String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedToken[organizationId=" + organizationId + ", expiresAt=" + expiresAt + "]";
    }
}

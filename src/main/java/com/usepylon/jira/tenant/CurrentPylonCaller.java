package com.usepylon.jira.tenant;

import com.usepylon.jira.problem.ProblemException;
import com.usepylon.jira.problem.ProblemType;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Resolves the tenant once per request from the verified Pylon JWT. Resources call {@link #get()}
 * after SmallRye JWT has checked the signature, issuer, expiry and role.
 */
@RequestScoped
public class CurrentPylonCaller {

    private final JsonWebToken jwt;
    private PylonCaller caller;

    public CurrentPylonCaller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public PylonCaller get() {
        if (caller == null) {
            caller = resolve();
        }
        return caller;
    }

    private PylonCaller resolve() {
        UUID organizationId = claim("org_id").flatMap(CurrentPylonCaller::parseUuid)
                .orElseThrow(() -> unusable("org_id"));
        String userId = Optional.ofNullable(jwt.getSubject()).filter(s -> !s.isBlank())
                .orElseThrow(() -> unusable("sub"));
        String organizationName = claim("org_name").orElse(organizationId.toString());
        return new PylonCaller(organizationId, organizationName, userId);
    }

    private Optional<String> claim(String name) {
        Object value = jwt.getClaim(name);
        String text = value instanceof JsonString string ? string.getString()
                : value == null ? null : value.toString();
        return Optional.ofNullable(text).filter(s -> !s.isBlank());
    }

    private static Optional<UUID> parseUuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ProblemException unusable(String claim) {
        return new ProblemException(ProblemType.UNAUTHENTICATED, "The Pylon access token has no valid '"
                + claim + "' claim. Sign in to Pylon again; if this persists, contact Pylon support.")
                .withHeader("WWW-Authenticate", "Bearer");
    }
}

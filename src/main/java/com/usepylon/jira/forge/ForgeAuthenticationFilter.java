package com.usepylon.jira.forge;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** Verifies the Forge Invocation Token of every call to a {@link ForgeAuthenticated} resource. */
@Provider
@ForgeAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class ForgeAuthenticationFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ForgeTokenVerifier verifier;
    private final CurrentForgeSite currentSite;

    public ForgeAuthenticationFilter(ForgeTokenVerifier verifier, CurrentForgeSite currentSite) {
        this.verifier = verifier;
        this.currentSite = currentSite;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ForgeTokenVerifier.rejected();
        }
        currentSite.set(verifier.verify(authorization.substring(BEARER.length()).trim()));
    }
}

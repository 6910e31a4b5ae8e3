package com.usepylon.jira.forge;

import com.usepylon.jira.jiraclient.SystemTokens;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Verifies the Forge Invocation Token of every call to a {@link ForgeAuthenticated} resource, and keeps the
 * system token ({@code X-Forge-Oauth-System}) that may come with it for later calls to the site's Jira API.
 */
@Provider
@ForgeAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class ForgeAuthenticationFilter implements ContainerRequestFilter {

    static final String SYSTEM_TOKEN_HEADER = "X-Forge-Oauth-System";
    private static final String BEARER = "Bearer ";
    private static final Logger LOG = Logger.getLogger(ForgeAuthenticationFilter.class);

    private final ForgeTokenVerifier verifier;
    private final CurrentForgeSite currentSite;
    private final SystemTokens systemTokens;

    public ForgeAuthenticationFilter(ForgeTokenVerifier verifier, CurrentForgeSite currentSite,
            SystemTokens systemTokens) {
        this.verifier = verifier;
        this.currentSite = currentSite;
        this.systemTokens = systemTokens;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ForgeTokenVerifier.rejected();
        }
        ForgeSite site = verifier.verify(authorization.substring(BEARER.length()).trim());
        currentSite.set(site);

        String systemToken = request.getHeaderString(SYSTEM_TOKEN_HEADER);
        if (systemToken != null && !systemToken.isBlank()) {
            remember(site, systemToken.trim());
        }
    }

    /** Keeping the token is a side benefit of the call, so a failure here never fails the call. */
    private void remember(ForgeSite site, String systemToken) {
        try {
            systemTokens.remember(site, systemToken);
        } catch (RuntimeException e) {
            LOG.warnf("Could not keep the system token of site %s (%s); Jira calls use the one stored before",
                    site.cloudId(), e.getClass().getName());
        }
    }
}

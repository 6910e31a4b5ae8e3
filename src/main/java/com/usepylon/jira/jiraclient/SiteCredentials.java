package com.usepylon.jira.jiraclient;

import java.time.Instant;

/**
 * What a call to a site's Jira REST API needs: where the API is and the app's current system token.
 * {@link #toString()} leaves the token out, so that logging one never leaks it.
 *
 * @param apiBaseUrl the site's API base URL, from the verified Forge token that carried the system token
 * @param systemToken the {@code X-Forge-Oauth-System} bearer token
 * @param expiresAt the token's {@code exp}
 */
public record SiteCredentials(String apiBaseUrl, String systemToken, Instant expiresAt) {

    @Override
    public String toString() {
        return "SiteCredentials[apiBaseUrl=" + apiBaseUrl + ", systemToken=(hidden), expiresAt=" + expiresAt
                + "]";
    }
}

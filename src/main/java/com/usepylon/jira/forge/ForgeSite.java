package com.usepylon.jira.forge;

/**
 * The Jira site behind a call from Pylon's Atlassian app, taken only from a verified Forge
 * Invocation Token. Request bodies never supply or change any of these values.
 *
 * @param cloudId the Jira site ({@code context.cloudId})
 * @param installationId the app's installation on that site ({@code app.installationId})
 * @param apiBaseUrl where the site's REST API is reached on the app's behalf ({@code app.apiBaseUrl})
 * @param accountId the Jira user who caused the call ({@code principal}); null for system calls
 */
public record ForgeSite(String cloudId, String installationId, String apiBaseUrl, String accountId) {
}

package com.usepylon.jira.problem;

/** What to tell a caller whose credentials were refused, by the side of the API it called. */
final class Credentials {

    private Credentials() {
    }

    static String missingOrInvalid(String path) {
        if (path.startsWith("/atlassian/")) {
            return "Send a valid Forge Invocation Token for this app in the Authorization header (Bearer)."
                    + " It may have expired or have been issued for another app.";
        }
        return "Send a valid Pylon access token in the Authorization header (Bearer). It may have expired;"
                + " sign in to Pylon again to get a fresh one.";
    }
}

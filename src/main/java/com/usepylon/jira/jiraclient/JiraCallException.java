package com.usepylon.jira.jiraclient;

/**
 * A call to a site's Jira REST API that did not succeed, classified by what the caller should do
 * about it. The message is written for a person (a Pylon admin), never contains a token, and says
 * what to do next.
 */
public class JiraCallException extends RuntimeException {

    /** What went wrong, from the caller's point of view. */
    public enum Kind {
        /** Jira answered 401: Pylon's credentials for the site are no longer accepted. */
        UNAUTHORIZED,
        /** Jira answered 403 to a project-scoped call: app access rules block the project. */
        FORBIDDEN,
        /** No unexpired X-Forge-Oauth-System token is stored for the site. */
        NO_CREDENTIALS,
        /** The site's API base URL does not match pylon.jira.api-base-url-pattern. */
        URL_NOT_ALLOWED,
        /** Jira kept answering 429 or 5xx, or could not be reached, after the allowed retries. */
        UNAVAILABLE
    }

    private final Kind kind;

    public JiraCallException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public JiraCallException(Kind kind, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

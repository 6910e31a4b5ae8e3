package com.usepylon.jira.problem;

/**
 * Every kind of problem this service reports. The slug is part of the public contract
 * ({@code urn:pylon:jira:problem:<slug>}); never rename one.
 */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", 400, "The request is malformed"),
    VALIDATION_FAILED("validation-failed", 400, "The request has invalid fields"),
    UNAUTHENTICATED("unauthenticated", 401, "Authentication is required"),
    FORBIDDEN("forbidden", 403, "This action needs another role"),
    NOT_FOUND("not-found", 404, "Not found"),
    INSTALLATION_NOT_FOUND("installation-not-found", 404, "No Pylon installation was found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Response media type not available"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415,
            "Request media type not supported"),
    SITE_ALREADY_LINKED("site-already-linked", 409,
            "This Jira site is already linked to a Pylon organization"),
    ORGANIZATION_ALREADY_LINKED("organization-already-linked", 409,
            "This Pylon organization is already linked to another Jira site"),
    CONFIGURATION_TOKEN_INVALID("configuration-token-invalid", 422,
            "The configuration token is not valid for this organization"),
    CONFIGURATION_TOKEN_EXPIRED("configuration-token-expired", 410,
            "The configuration token has expired"),
    CONFIGURATION_TOKEN_USED("configuration-token-used", 410,
            "The configuration token has already been used"),
    CONFIGURATION_TOKEN_REPLACED("configuration-token-replaced", 410,
            "The configuration token was replaced by a newer one"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "The request body is too large"),
    NOT_CONNECTED("not-connected", 409, "Jira is not connected"),
    UNKNOWN_PROJECTS("unknown-projects", 422, "Some projects are not in the catalogue"),
    CONFLICTING_PROJECTS("conflicting-projects", 422, "Projects were both enabled and disabled"),
    PROJECT_NOT_USABLE("project-not-usable", 422, "The project cannot be the default"),
    JIRA_NEEDS_ATTENTION("jira-needs-attention", 409, "Jira does not accept Pylon's credentials"),
    JIRA_UNAVAILABLE("jira-unavailable", 503, "Jira is not answering"),
    TOO_MANY_ATTEMPTS("too-many-attempts", 429, "Too many failed attempts"),
    SERVICE_UNAVAILABLE("service-unavailable", 503,
            "The service is temporarily unavailable"),
    INTERNAL_ERROR("internal-error", 500, "Internal error");

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String uri() {
        return Problem.TYPE_PREFIX + slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}

package com.usepylon.jira.audit;

/** Every kind of change the audit log records. The names are part of the API; never rename one. */
public enum AuditAction {
    CONFIGURATION_TOKEN_ISSUED,
    CONFIGURATION_TOKEN_REVOKED,
    SITE_LINKED,
    CONNECTION_CLEARED,
    APP_INSTALLED,
    APP_UNINSTALLED
}

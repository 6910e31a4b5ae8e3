package com.usepylon.jira.connection;

/** How the Atlassian app describes its site for display; optional, and never used to identify it. */
public record SiteDetails(String url, String name) {
}
